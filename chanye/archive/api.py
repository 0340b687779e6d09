from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import routers, serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from chanye.core.api import RestrictedReadViewSet, ServiceDestroyMixin

from . import search, services
from .forms import SearchForm
from .models import Document, Paragraph


class ParagraphSerializer(serializers.ModelSerializer):
    class Meta:
        model = Paragraph
        fields = ["position", "kind", "text"]


class DocumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = [
            "id",
            "title",
            "source",
            "date",
            "edition",
            "author",
            "url",
            "format",
            "filename",
            "sha256",
            "clusters",
            "ingested_at",
        ]


class DocumentDetailSerializer(DocumentSerializer):
    paragraphs = ParagraphSerializer(many=True, read_only=True)
    text = serializers.SerializerMethodField()

    class Meta(DocumentSerializer.Meta):
        fields = [*DocumentSerializer.Meta.fields, "metadata", "joins", "removed_lines", "paragraphs", "text"]

    def get_text(self, document) -> str:
        return "\n\n".join(p.text for p in document.paragraphs.all())


class DocumentViewSet(ServiceDestroyMixin, RestrictedReadViewSet):
    """Documents with their cleaned text (files are added by upload or `chanye ingest`)."""

    queryset = Document.objects.all()
    filterset_fields = ["source", "date", "clusters", "format"]
    delete_service = services.delete_document

    def get_serializer_class(self):
        return DocumentDetailSerializer if self.action == "retrieve" else DocumentSerializer

    def optimise(self, queryset):
        return queryset.prefetch_related("clusters", "paragraphs")


class SearchHitSerializer(serializers.Serializer):
    document = serializers.IntegerField()
    title = serializers.CharField()
    source = serializers.CharField()
    date = serializers.DateField(allow_null=True)
    position = serializers.IntegerField()
    text = serializers.CharField()
    spans = serializers.ListField(
        child=serializers.ListField(child=serializers.IntegerField(), min_length=2, max_length=2),
        help_text="检索词在段落中的位置 [起, 止)",
    )


class SearchResultSerializer(serializers.Serializer):
    """The answer of GET /api/v1/search/ (documentation only)."""

    query = serializers.CharField()
    total = serializers.IntegerField()
    page = serializers.IntegerField()
    ranked = serializers.IntegerField(help_text="按相关度排序的命中数（最新的至多 200 条）")
    hits = SearchHitSerializer(many=True)


class SearchViewSet(viewsets.ViewSet):
    """GET /api/v1/search/?q=…[&source=&date_from=&date_to=&cluster=&sort=relevance|recent|date&page=]

    sort: relevance (the default: the phrase in the title, in a heading, most often; among the
    newest 200 hits when there are more), recent (last ingested first) or date (newest first)."""

    answers_one_object = True  # the schema: one SearchResult, not a list of them (chanye.core.api_schema)

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, required=True, description="检索词（最多 200 字）"),
            OpenApiParameter("source", str, description="来源"),
            OpenApiParameter("date_from", OpenApiTypes.DATE),
            OpenApiParameter("date_to", OpenApiTypes.DATE),
            OpenApiParameter("cluster", int, description="集群 id"),
            OpenApiParameter("sort", str, enum=list(search.SORTS)),
            OpenApiParameter("page", int),
        ],
        responses=SearchResultSerializer,
    )
    def list(self, request):
        form = SearchForm(request.query_params)
        if not form.is_valid():
            raise ValidationError(form.errors)
        q, page = form.cleaned_data["q"], form.cleaned_data["page"] or 1
        try:
            result = form.find()
        except search.QueryError as error:
            raise ValidationError({"q": str(error)}) from error
        paragraphs = Paragraph.objects.select_related("document").in_bulk(result.paragraph_ids)
        return Response(
            {
                "query": q,
                "total": result.total,
                "page": page,
                "ranked": result.ranked,
                "hits": [
                    {
                        "document": p.document_id,
                        "title": p.document.title,
                        "source": p.document.source,
                        "date": p.document.date,
                        "position": p.position,
                        "text": p.text,
                        "spans": search.highlight_spans(p.text, q),
                    }
                    for p in (paragraphs[pk] for pk in result.paragraph_ids if pk in paragraphs)
                ],
            }
        )


router = routers.DefaultRouter()
router.register("documents", DocumentViewSet)
router.register("search", SearchViewSet, basename="search")
