from django import forms

from chanye.core.fields import DateInput

from .models import Cluster, Designation, Enterprise, Park


class ClusterForm(forms.ModelForm):
    class Meta:
        model = Cluster
        fields = ["name", "kind", "office", "description", "order"]


class EnterpriseForm(forms.ModelForm):
    class Meta:
        model = Enterprise
        fields = [
            "name",
            "short_name",
            "aliases",
            "credit_code",
            "clusters",
            "role",
            "park",
            "listing_exchange",
            "listing_board",
            "listing_date",
            "listing_note",
        ]
        widgets = {"clusters": forms.CheckboxSelectMultiple, "listing_date": DateInput()}


class ParkForm(forms.ModelForm):
    class Meta:
        model = Park
        fields = ["name", "kind", "location", "clusters"]
        widgets = {"clusters": forms.CheckboxSelectMultiple}


class DesignationForm(forms.ModelForm):
    class Meta:
        model = Designation
        fields = ["holder", "holder_kind", "title", "issuer", "level", "year", "date", "cluster", "enterprise", "park"]
        widgets = {"date": DateInput()}


def import_form(form_class):
    """The same form, with related objects named instead of chosen from a list: an import file
    says 新材料, not 4. Validation is otherwise exactly the page's."""

    class ImportForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            for field in self.fields.values():
                if isinstance(field, forms.ModelChoiceField):
                    field.to_field_name = "name"
                    field.error_messages["invalid_choice"] = "找不到名为“%(value)s”的记录"
                if isinstance(field, forms.ModelMultipleChoiceField):
                    field.error_messages["invalid_choice"] = "找不到名为“%(value)s”的记录"

    ImportForm.__name__ = f"{form_class.__name__}Import"
    return ImportForm
