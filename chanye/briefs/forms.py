from django import forms
from django.db.models import Q
from django.utils import timezone

from chanye.core.models import Region
from chanye.core.regions import home_region, scope_of

from . import content, render


def regions_for(user):
    """The regions a user may have a brief of: their own (or the instance's), and those in it with clusters."""
    home, own = home_region(), scope_of(user).region
    base = own if home.contains(own) else home
    return (
        Region.objects.filter(Q(pk=base.pk) | Q(path__startswith=base.path, cluster_set__isnull=False))
        .distinct()
        .order_by("path")
    )


class BriefForm(forms.Form):
    period = forms.CharField(
        label="月份",
        widget=forms.TextInput(attrs={"type": "month"}),
        help_text="月报按月：本年累计数据截至该月，如 2023-11",
    )
    region = forms.ModelChoiceField(label="区域", queryset=Region.objects.none(), empty_label=None)
    format = forms.ChoiceField(
        label="格式", choices=[(k, label) for k, (label, _type) in render.FORMATS.items()], initial="docx"
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions_for(user)
        self.fields["region"].initial = scope_of(user).region.pk
        self.fields["period"].initial = content.month_of(content.previous_month(timezone.localdate()))

    def clean_period(self):
        return content.parse_month(self.cleaned_data["period"])


class PreviewForm(BriefForm):
    """The same choices, read from the query string of the preview page (no format)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["format"]
