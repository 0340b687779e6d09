"""Review pages: the queue of proposed facts, one fact with its evidence, the conflicts to decide."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.views import View, generic

from chanye.archive.models import Document
from chanye.core.querysets import CHANGE, VIEW
from chanye.core.regions import home_region_pk
from chanye.core.views import RestrictedDetailView, RestrictedListView, RoleRequiredMixin, get_restricted_object

from . import conflicts, services
from .forms import FactForm, ResolveForm
from .models import HIGH_CONFIDENCE, KIND_CHOICES, ExtractedFact, paragraphs_at


def _errors(error) -> str:
    return "；".join(getattr(error, "messages", None) or [str(error)])


class FactList(RestrictedListView):
    """The review queue, pending facts first; filters by status, kind, document and confidence."""

    model = ExtractedFact
    paginate_by = 25  # a reviewer's page: the 44 facts of two articles were one long table

    def get_queryset(self):
        queryset = (
            super().get_queryset().select_related("document", "indicator", "cluster", "enterprise", "park", "region")
        )
        self.status = self.request.GET.get("status", ExtractedFact.Status.PENDING)
        if self.status in ExtractedFact.Status.values:
            queryset = queryset.filter(status=self.status)
        if (kind := self.request.GET.get("kind")) in dict(KIND_CHOICES):
            queryset = queryset.filter(kind=kind)
        if (document := self.request.GET.get("document", "")).isdigit():
            queryset = queryset.filter(document_id=int(document))
        if self.request.GET.get("high"):
            queryset = queryset.filter(confidence__gte=HIGH_CONFIDENCE)
        if self.request.GET.get("unrecorded"):
            # Leave out the figures already recorded (已登记): only what is new needs a decision.
            candidates = queryset.filter(kind__in=("metric", "target"), indicator__isnull=False, value__isnull=False)
            queryset = queryset.exclude(pk__in=conflicts.recorded_facts(candidates))
        return queryset.order_by("-document__ingested_at", "document", "span_start", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        decidable = self.object_list.restrict(self.request.user, CHANGE).pending()
        context.update(
            status=self.status,
            statuses=ExtractedFact.Status.choices,
            kinds=KIND_CHOICES,
            kind=self.request.GET.get("kind", ""),
            document=self.request.GET.get("document", ""),
            high=bool(self.request.GET.get("high")),
            threshold=HIGH_CONFIDENCE,
            bulk_count=decidable.filter(confidence__gte=HIGH_CONFIDENCE).count(),
            can_decide=set(decidable.values_list("pk", flat=True)),
            conflict_count=len(conflicts.conflicts_for(self.request.user)),
            home_region_id=home_region_pk(),
            unrecorded=bool(self.request.GET.get("unrecorded")),
            recorded=conflicts.recorded_facts(context["object_list"]),
        )
        add_evidence_links(context["object_list"])
        return context


def add_evidence_links(facts) -> None:
    """查看原文 of each fact on the page (fact.evidence_link), each document's paragraphs read once."""
    located = {}
    for fact in facts:
        if fact.document_id not in located:
            located[fact.document_id] = list(paragraphs_at(fact.document))
        fact.evidence_link = fact.evidence_url(located[fact.document_id])


class FactDetail(RestrictedDetailView):
    """The fact with its evidence in its paragraph; POST accepts it as corrected in the form."""

    model = ExtractedFact

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        paragraph, start, end = self.object.evidence_in_paragraph()
        context.update(
            paragraph=paragraph,
            mark_start=start,
            mark_end=end,
            evidence_url=self.object.evidence_url(),
            form=kwargs.get("form") or FactForm(instance=self.object),
        )
        if not self.object.is_resolved and self.object.status == ExtractedFact.Status.PENDING:
            context.update(
                resolve_form=ResolveForm(user=self.request.user, fact=self.object),
                new_kinds=[
                    (kind, services.NEW_SUBJECT_KINDS[kind])
                    for kind in services.new_subject_kinds(self.request.user, self.object)
                ],
            )
        return context

    def post(self, request, pk):
        self.object = get_restricted_object(ExtractedFact, request.user, pk, CHANGE)
        form = FactForm(request.POST, instance=ExtractedFact.objects.get(pk=pk))
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        return _accept(request, self.object, edits=form.edits())


def _accept(request, fact, edits=None):
    try:
        fact = services.accept_fact(actor=request.user, fact=fact, edits=edits, note=request.POST.get("note", ""))
    except services.Conflict as error:
        messages.warning(request, _errors(error))
        return redirect("extraction:conflicts")
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _errors(error))
        return redirect(fact.get_absolute_url())
    messages.success(request, f"已采纳：{fact}")
    return redirect(request.POST.get("next") or fact.get_absolute_url())


class AcceptFact(RoleRequiredMixin, View):
    def post(self, request, pk):
        return _accept(request, get_restricted_object(ExtractedFact, request.user, pk, CHANGE))


class RejectFact(RoleRequiredMixin, View):
    def post(self, request, pk):
        fact = get_restricted_object(ExtractedFact, request.user, pk, CHANGE)
        try:
            fact = services.reject_fact(actor=request.user, fact=fact, note=request.POST.get("note", ""))
            messages.success(request, f"已驳回：{fact}")
        except ValidationError as error:
            messages.error(request, _errors(error))
        return redirect(request.POST.get("next") or fact.get_absolute_url())


class BulkAccept(RoleRequiredMixin, View):
    """Accept every high-confidence pending fact the user may decide (of one document, if given)."""

    def post(self, request):
        facts = ExtractedFact.objects.all()
        if (document := request.POST.get("document", "")).isdigit():
            facts = facts.filter(document_id=int(document))
        result = services.bulk_accept(actor=request.user, facts=facts)
        messages.success(request, f"批量采纳 {result.accepted} 条")
        for fact, why in result.skipped[:10]:
            messages.warning(request, f"未采纳“{fact}”：{why}")
        if len(result.skipped) > 10:
            messages.warning(request, f"另有 {len(result.skipped) - 10} 条未采纳，留待逐条审核")
        return redirect(request.POST.get("next") or reverse("extraction:fact-list"))


class ConflictList(RoleRequiredMixin, generic.TemplateView):
    template_name = "extraction/conflicts.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        found = conflicts.conflicts_for(self.request.user)
        decidable = set(ExtractedFact.objects.restrict(self.request.user, CHANGE).values_list("pk", flat=True))
        context.update(conflicts=found, decidable=decidable)
        return context


class DecideConflict(RoleRequiredMixin, View):
    """choice: fact:<pk> (that source is right) · keep (the recorded figure is right) ·
    same:<n> (the subject is the n-th recorded name) · different (another subject) · reject."""

    def post(self, request, key):
        conflict = conflicts.conflict_of(request.user, key)
        if conflict is None:
            messages.info(request, "这组冲突已经裁决或不再存在")
            return redirect("extraction:conflicts")
        choice = request.POST.get("choice", "")
        try:
            self.decide(request.user, conflict, choice)
            messages.success(request, f"已裁决：{conflict.title}")
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, _errors(error))
        return redirect("extraction:conflicts")

    def decide(self, user, conflict, choice: str) -> None:
        for fact in conflict.facts:
            get_restricted_object(ExtractedFact, user, fact.pk, CHANGE)
        if choice == "reject":
            for fact in conflict.facts:
                services.reject_fact(actor=user, fact=fact, note="冲突裁决：驳回")
        elif conflict.kind == "value" and choice == "keep":
            services.decide_value_conflict(actor=user, facts=conflict.facts, records=conflict.records, chosen=None)
        elif conflict.kind == "value" and choice.startswith("fact:"):
            chosen = next((f for f in conflict.facts if f"fact:{f.pk}" == choice), None)
            if chosen is None:
                raise ValidationError("所选事实不在这组冲突中")
            services.decide_value_conflict(actor=user, facts=conflict.facts, records=conflict.records, chosen=chosen)
        elif conflict.kind == "name" and choice == "different":
            services.decide_name_conflict(actor=user, fact=conflict.facts[0])
        elif conflict.kind == "name" and choice.startswith("same:"):
            candidates = conflict.records or conflict.names
            index = choice.removeprefix("same:")
            if not index.isdigit() or int(index) >= len(candidates):
                raise ValidationError("请选择一个已登记的名称")
            services.decide_name_conflict(actor=user, fact=conflict.facts[0], same_as=candidates[int(index)])
        else:
            raise ValidationError("请选择一种裁决")


class ExtractDocument(RoleRequiredMixin, View):
    """重新抽取: propose the document's facts again (only statements not proposed before are added), as a
    background job whose page shows its progress and links to the new facts when done."""

    def post(self, request, pk):
        document = get_restricted_object(Document, request.user, pk, VIEW)
        try:
            job = services.start_extraction(actor=request.user, document=document)
        except ValidationError as error:  # PermissionDenied is a 403, as on every write
            messages.error(request, _errors(error))
            return redirect(document.get_absolute_url())
        messages.info(request, "已提交重新抽取：完成后会通知您，新的事实进入待审核队列")
        return redirect(job.get_absolute_url())


class ResolveFact(RoleRequiredMixin, View):
    """指定主体 (POST): map an unresolved figure to an existing record, or create the record it is
    about (new=cluster|enterprise|park): a peer region's cluster, an enterprise outside the district."""

    def post(self, request, pk):
        fact = get_restricted_object(ExtractedFact, request.user, pk, CHANGE)
        try:
            if kind := request.POST.get("new"):
                fact = services.create_subject(actor=request.user, fact=fact, kind=kind)
            else:
                form = ResolveForm(request.POST, user=request.user, fact=fact)
                if not form.is_valid():
                    raise ValidationError([e for errors in form.errors.values() for e in errors])
                fact = services.resolve_fact(
                    actor=request.user,
                    fact=fact,
                    target=form.cleaned_data["target"],
                    remember=form.cleaned_data["remember"],
                )
        except ValidationError as error:  # PermissionDenied is a 403, as on every write
            messages.error(request, _errors(error))
            return redirect(fact.get_absolute_url())
        messages.success(request, f"已指定主体：{fact.subject_record}")
        return redirect(request.POST.get("next") or fact.get_absolute_url())
