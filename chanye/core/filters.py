import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import ManyToManyField, ManyToManyRel, ManyToOneRel
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.rest_framework import FilterSet as RestFilterSet

# The range of a database id: SQLite raises OverflowError (a 500) on an integer beyond it.
ID_RANGE = range(-(2**63), 2**63)


class IdsField(django_filters.fields.ModelMultipleChoiceField):
    """Several ids; one beyond a database integer is an invalid choice (400), not a server error."""

    def _check_values(self, value):
        for pk in value:
            text = str(pk).strip()
            if text.lstrip("-").isdigit() and int(text) not in ID_RANGE:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": text}
                )
        return super()._check_values(value)


class IdsFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = IdsField


class BoundedIdsMixin:
    """Filters generated for many-to-many and reverse relations take ids through IdsField."""

    @classmethod
    def filter_for_lookup(cls, field, lookup_type):
        filter_class, params = super().filter_for_lookup(field, lookup_type)
        if filter_class is django_filters.ModelMultipleChoiceFilter and isinstance(
            field, ManyToManyField | ManyToManyRel | ManyToOneRel
        ):
            filter_class = IdsFilter
        return filter_class, params


class ApiFilterSet(BoundedIdsMixin, RestFilterSet):
    pass


class FilterBackend(DjangoFilterBackend):
    """settings.REST_FRAMEWORK's filter backend: the filter sets made from `filterset_fields` bound their ids."""

    filterset_base = ApiFilterSet


class RegionFilter(django_filters.CharFilter):
    """Records of a region and the regions in it, the region named by 区划代码, name or short name."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "区域")
        kwargs.setdefault("help_text", "区划代码、全称或简称，如 500104、大渡口")
        super().__init__(**kwargs)

    def filter(self, queryset, value):
        if not value:
            return queryset
        from chanye.core.models import Region  # filters are declared at import time, before the apps load

        region = Region.objects.named(value)
        return queryset.within(region) if region is not None else queryset.none()


class StyledFilterSet(BoundedIdsMixin, django_filters.FilterSet):
    """A FilterSet whose form fields carry Bootstrap classes, so filter bars look like the forms. A yes/no
    filter left empty reads 全部 like the others (Django's own select says 未知)."""

    @property
    def form(self):
        form = super().form
        for field in form.fields.values():
            if isinstance(field.widget, forms.NullBooleanSelect):
                field.widget.choices = [("unknown", _("全部")), ("true", _("是")), ("false", _("否"))]
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)
        return form
