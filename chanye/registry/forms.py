from django import forms

from chanye.core.fields import DateInput
from chanye.core.forms import RegionField, ScopedModelForm
from chanye.core.regions import home_region

from .models import Cluster, Designation, Enterprise, Park


class ClusterForm(ScopedModelForm):
    region = RegionField()

    class Meta:
        model = Cluster
        fields = ["name", "kind", "office", "description", "order", "region", "peers"]
        help_texts = {"peers": "其他区域的同类集群，在“对标”页与本集群并列比较"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["peers"].label_from_instance = lambda c: f"{c.region.name}·{c.name}"
        if self.user is not None:  # peers are other regions' clusters
            outside = self.fields["peers"].queryset.exclude(region__path__startswith=home_region().path)
            self.fields["peers"].queryset = outside.select_related("region")


class EnterpriseForm(ScopedModelForm):
    region = RegionField()
    owned_through = ("clusters",)

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
            "region",
            "industry_code",
        ]
        widgets = {"clusters": forms.CheckboxSelectMultiple, "listing_date": DateInput()}


class ParkForm(ScopedModelForm):
    region = RegionField()
    owned_through = ("clusters",)

    class Meta:
        model = Park
        fields = ["name", "kind", "location", "longitude", "latitude", "clusters", "region"]
        widgets = {"clusters": forms.CheckboxSelectMultiple}


class DesignationForm(ScopedModelForm):
    owned_through = ("cluster", "enterprise", "park")  # an 产业办 records titles about what its clusters hold

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
                if isinstance(field, (forms.ModelChoiceField, forms.ModelMultipleChoiceField)):
                    field.error_messages["invalid_choice"] = (
                        field.error_messages.get("not_yours") or "找不到名为“%(value)s”的记录"
                    )

    ImportForm.__name__ = f"{form_class.__name__}Import"
    return ImportForm
