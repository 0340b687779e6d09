import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _


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


class StyledFilterSet(django_filters.FilterSet):
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
