"""Forms filled by someone: every choice narrowed to what that user may see or take charge of, and the
region of a new record defaulting to the region the user works for."""

from django import forms
from django.db.models import Q
from django.utils.html import format_html, format_html_join

from .models import Region
from .querysets import CHANGE, VIEW
from .regions import home_region, user_region


class RegionInput(forms.TextInput):
    """A text box that suggests the regions near the user (a datalist, no script); any region of the
    country can still be typed by name, short name or code."""

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "off", **(attrs or {})})
        self.suggestions: list[Region] = []

    def render(self, name, value, attrs=None, renderer=None):
        list_id = f"{(attrs or {}).get('id', name)}-regions"
        self.attrs["list"] = list_id
        html = super().render(name, value, attrs, renderer)
        options = format_html_join(
            "", '<option value="{}">{}</option>', ((r.name, r.code or r.get_level_display()) for r in self.suggestions)
        )
        return format_html('{}<datalist id="{}">{}</datalist>', html, list_id, options)


class RegionField(forms.CharField):
    """A region typed as people write it: 大渡口区, 大渡口 or 500104. Cleans to a Region (the one nearest
    the user's when a short name is shared); empty means the user's own region."""

    widget = RegionInput

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "所属区域")
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", "全称、简称或区划代码，如 江津区、江津、500116；留空为本账户所属区域")
        super().__init__(**kwargs)
        self.near: Region | None = None

    def prepare_value(self, value):
        if isinstance(value, Region):
            return value.name
        if isinstance(value, int):
            region = Region.objects.filter(pk=value).first()
            return region.name if region else value
        return value

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        region = Region.objects.named(text, near=self.near)
        if region is None:
            raise forms.ValidationError(f"找不到区域“{text}”：请写全称、简称或区划代码（如 江津区、500116）")
        return region


class ScopedModelForm(forms.ModelForm):
    """A model form that knows who fills it. Choices of related records are those the user may see;
    those of `owned_through` (the relations that put a record in an office's charge, such as an
    enterprise's clusters) are those the user may change. A `region` left empty is the user's."""

    owned_through: tuple[str, ...] = ()

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user is None:
            return
        for name, field in self.fields.items():
            queryset = getattr(field, "queryset", None)
            if queryset is None or not hasattr(queryset, "restrict"):
                continue
            if name in self.owned_through:
                field.queryset = self._own_choices(name, queryset)
                field.error_messages["not_yours"] = field.error_messages["invalid_choice"] = (
                    f"“%(value)s”不存在或不在您的管理范围内：只能选择您可管理的{queryset.model._meta.verbose_name}"
                )
            else:
                field.queryset = queryset.restrict(user, VIEW)
        if isinstance(self.fields.get("region"), RegionField):
            near = user_region(user)
            self.fields["region"].near = near
            home = home_region()
            nearby = Region.objects.within(home.parent if home.parent_id and home.level != "province" else home)
            self.fields["region"].widget.suggestions = list(nearby.order_by("path")[:300])
            if not self.instance.pk and not self.initial.get("region"):
                self.initial["region"] = near

    def owned_choices(self, queryset):
        """The rows of an `owned_through` relation the user may choose: those they may change, in their
        region. A form whose model some role changes everywhere (统计 every figure) widens it for them."""
        return queryset.restrict(self.user, CHANGE).within(user_region(self.user))

    def _own_choices(self, name: str, queryset):
        """The rows the user may choose, and the row an existing record already points to (a title about
        a shared enterprise stays editable; the service refuses a change of it that leaves the user's charge)."""
        own = self.owned_choices(queryset)
        field = self.instance._meta.get_field(name)
        if self.instance.pk and not field.many_to_many and getattr(self.instance, field.attname) is not None:
            own = queryset.filter(Q(pk__in=own.values("pk")) | Q(pk=getattr(self.instance, field.attname)))
        return own

    def clean(self):
        """An edit keeps the links the user may not change (another office's cluster of a shared enterprise):
        they are not offered on the form, so they are not posted, and must not be taken away by omission."""
        cleaned = super().clean()
        if self.user is None or not self.instance.pk:
            return cleaned
        for name in self.owned_through:
            field = self.instance._meta.get_field(name)
            if field.many_to_many and cleaned.get(name) is not None:
                offered = self.fields[name].queryset.values("pk")
                kept = getattr(self.instance, name).exclude(pk__in=offered)
                cleaned[name] = [*cleaned[name], *kept]
        return cleaned

    def clean_region(self):
        region = self.cleaned_data.get("region")
        if region is None and self.user is not None:
            return user_region(self.user)
        return region
