from django import forms

from chanye.core.fields import DateInput
from chanye.registry.models import Cluster

from . import search
from .models import Document


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field. An empty or unreadable file is not a form error: the batch
    reports it, with the reason, beside the files that went in."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True, "accept": ".html,.htm,.txt,.pdf,.docx"}))
        super().__init__(allow_empty_file=True, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data] if data else []
        if not files:
            raise forms.ValidationError("请选择要上传的文件")
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class UploadForm(forms.Form):
    files = MultipleFileField(
        label="文件", help_text="HTML、文本（UTF-8 或 GB18030）、PDF、DOCX；可一次选多个，每个不超过 50 MB"
    )
    clusters = forms.ModelMultipleChoiceField(
        label="相关集群", queryset=Cluster.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )


class SearchForm(forms.Form):
    q = forms.CharField(label="检索词", max_length=200, required=False)
    source = forms.CharField(label="来源", required=False)
    date_from = forms.DateField(label="起始日期", required=False, widget=DateInput())
    date_to = forms.DateField(label="截止日期", required=False, widget=DateInput())
    cluster = forms.ModelChoiceField(label="集群", queryset=Cluster.objects.all(), required=False)
    sort = forms.ChoiceField(
        label="排序",
        choices=list(search.SORTS.items()),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    page = forms.IntegerField(label="页码", min_value=1, required=False, widget=forms.HiddenInput)

    def find(self) -> search.Result:
        """The search this valid form asks for (page 1, by relevance, unless it says otherwise)."""
        data = self.cleaned_data
        return search.find(
            data["q"],
            source=data["source"],
            date_from=data["date_from"],
            date_to=data["date_to"],
            cluster_id=data["cluster"].pk if data["cluster"] else None,
            sort=data["sort"] or "relevance",
            offset=((data["page"] or 1) - 1) * search.HITS_PER_PAGE,
        )


class DocumentForm(forms.ModelForm):
    """Correcting what was read from the file: an undated page (seed 002) needs its date before its
    figures can be extracted, since 今年 and 去年底 are read against it."""

    class Meta:
        model = Document
        fields = ["title", "source", "date", "edition", "author", "url", "clusters"]
        widgets = {"date": DateInput(), "clusters": forms.CheckboxSelectMultiple}
