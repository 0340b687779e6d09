"""Thin view classes shared by every domain: each reads through `restrict` and writes through
a service function, so pages and the API enforce the same rules."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import NoReverseMatch, path
from django.views import generic

from chanye.core import roles
from chanye.core.diffs import readable
from chanye.core.forms import ScopedModelForm
from chanye.core.models import AuditEntry
from chanye.core.querysets import CHANGE, DELETE, VIEW


class RoleRequiredMixin(LoginRequiredMixin):
    """Signed in and holding one of the five roles; anyone else is refused with 403."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not roles.has_role(request.user):
            raise PermissionDenied("您的账户尚未分配角色，请联系管理员")
        return super().dispatch(request, *args, **kwargs)


def get_restricted_object(model, user, pk, action: str):
    """The object if the user may act on it; 404 if they may not even see it, 403 if they may
    see but not change it (so nobody learns of rows they are not allowed to read)."""
    manager = model._default_manager
    try:
        obj = manager.restrict(user, VIEW).get(pk=pk)
    except (model.DoesNotExist, ValueError, ValidationError):
        raise Http404 from None
    if action != VIEW and not manager.restrict(user, action).filter(pk=obj.pk).exists():
        raise PermissionDenied(f"您没有{'删除' if action == DELETE else '修改'}“{obj}”的权限")
    return obj


class PermissionsContextMixin:
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        manager = self.model._default_manager
        context["can_add"] = manager.can_add(self.request.user)
        context["model_meta"] = self.model._meta
        return context


class RestrictedListView(RoleRequiredMixin, PermissionsContextMixin, generic.ListView):
    paginate_by = 50
    filterset_class = None

    def get_queryset(self):
        queryset = self.model._default_manager.restrict(self.request.user, VIEW)
        self.query = self.request.GET.get("q", "").strip()
        queryset = queryset.search(self.query)
        if self.filterset_class:
            self.filterset = self.filterset_class(self.request.GET, queryset=queryset)
            queryset = self.filterset.qs
        return queryset

    def get_template_names(self):
        # htmx asks only for the result table when the search box changes: the template's `results`
        # partial, or, for a page on core/list.html, the page itself (it then renders its results alone).
        names = super().get_template_names()
        return [f"{names[0]}#results", *names] if self.request.htmx else names

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["query"] = self.query
        context["filterset"] = getattr(self, "filterset", None)
        return context


class RestrictedDetailView(RoleRequiredMixin, PermissionsContextMixin, generic.DetailView):
    def get_object(self, queryset=None):
        return get_restricted_object(self.model, self.request.user, self.kwargs["pk"], VIEW)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        manager = self.model._default_manager
        context["can_change"] = manager.restrict(self.request.user, CHANGE).filter(pk=self.object.pk).exists()
        context["can_delete"] = manager.restrict(self.request.user, DELETE).filter(pk=self.object.pk).exists()
        context["history"] = AuditEntry.objects.for_object(self.object).newest_first()[:5]
        return context


def add_service_error(form, error: ValidationError) -> None:
    """A service's error on the form: at the field it names when the form has that field,
    otherwise above the form (a service may name fields the form does not show)."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


class ServiceFormMixin:
    """Validate with the form, then hand the cleaned data to the domain service. A form whose choices
    depend on who fills it (ScopedModelForm) is given the user."""

    template_name = "core/form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if issubclass(self.get_form_class(), ScopedModelForm):
            kwargs["user"] = self.request.user
        return kwargs

    def form_valid(self, form):
        try:
            self.object = self.save(form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        except PermissionDenied as error:
            # The page itself was allowed; what was typed asks for more (another office's cluster):
            # say so above the form and keep the input, rather than a bare 403 page.
            form.add_error(None, str(error) or "您没有保存这条记录的权限")
            return self.form_invalid(form)
        messages.success(self.request, f"已保存：{self.object}")
        return redirect(self.object.get_absolute_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["model_meta"] = self.model._meta
        return context


class ServiceCreateView(RoleRequiredMixin, ServiceFormMixin, generic.CreateView):
    create_service = None  # a domain service: (actor=, data=) -> object

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not self.model._default_manager.can_add(request.user):
            raise PermissionDenied(f"您没有新建{self.model._meta.verbose_name}的权限")
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        """A create page reached from another page carries its context in the query string
        (?chain=3, ?project=7): any field of the form can be prefilled that way."""
        initial = super().get_initial()
        fields = self.get_form_class().base_fields
        initial.update({name: value for name, value in self.request.GET.items() if name in fields})
        return initial

    def save(self, data):
        return type(self).create_service(actor=self.request.user, data=data)


class ServiceUpdateView(RoleRequiredMixin, ServiceFormMixin, generic.UpdateView):
    update_service = None  # a domain service: (actor=, <model name>=, data=) -> object

    def get_object(self, queryset=None):
        return get_restricted_object(self.model, self.request.user, self.kwargs["pk"], CHANGE)

    def save(self, data):
        return type(self).update_service(
            actor=self.request.user, data=data, **{self.model._meta.model_name: self.object}
        )


class ServiceDeleteView(RoleRequiredMixin, generic.DeleteView):
    template_name = "core/confirm_delete.html"
    delete_service = None  # a domain service: (actor=, <model name>=) -> None
    success_url_name = None

    def get_object(self, queryset=None):
        return get_restricted_object(self.model, self.request.user, self.kwargs["pk"], DELETE)

    def form_valid(self, form):
        try:
            type(self).delete_service(actor=self.request.user, **{self.model._meta.model_name: self.object})
        except ValidationError as error:
            messages.error(self.request, "；".join(error.messages))
            return redirect(self.object.get_absolute_url())
        messages.success(self.request, f"已删除：{self.object}")
        try:
            return redirect(self.success_url_name)
        except NoReverseMatch:  # a part without a list page of its own (a project's funds): back to its whole
            return redirect(self.object.get_absolute_url())


class ObjectHistoryView(RoleRequiredMixin, generic.ListView):
    """Every audit entry of one object, for anyone who may see the object."""

    template_name = "audit/object_history.html"
    paginate_by = 50

    def get_queryset(self):
        self.object = get_restricted_object(self.model, self.request.user, self.kwargs["pk"], VIEW)
        return AuditEntry.objects.for_object(self.object).newest_first().select_related("actor")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        context["model_meta"] = self.model._meta
        context["object_list"] = readable(context["object_list"])
        return context


class Crud:
    """The six pages of one model (list, detail, create, update, delete, history), built from
    its form and its domain services `create_<model>`, `update_<model>`, `delete_<model>`."""

    def __init__(
        self,
        *,
        model,
        form_class,
        services,
        namespace: str,
        list_view=RestrictedListView,
        detail_view=RestrictedDetailView,
        filterset_class=None,
        service_name: str | None = None,
        create_view=None,
    ):
        self.name = model._meta.model_name
        name = service_name or self.name
        attrs = {"model": model}
        self.list = type(f"{model.__name__}List", (list_view,), {**attrs, "filterset_class": filterset_class})
        self.detail = type(f"{model.__name__}Detail", (detail_view,), attrs)
        self.create = type(
            f"{model.__name__}Create",
            (create_view or ServiceCreateView,),
            {**attrs, "form_class": form_class, "create_service": getattr(services, f"create_{name}")},
        )
        self.update = type(
            f"{model.__name__}Update",
            (ServiceUpdateView,),
            {**attrs, "form_class": form_class, "update_service": getattr(services, f"update_{name}")},
        )
        self.delete = type(
            f"{model.__name__}Delete",
            (ServiceDeleteView,),
            {
                **attrs,
                "delete_service": getattr(services, f"delete_{name}"),
                "success_url_name": f"{namespace}:{self.name}-list",
            },
        )
        self.history = type(f"{model.__name__}History", (ObjectHistoryView,), attrs)

    PAGES = ("list", "create", "detail", "update", "delete", "history")

    def urls(self, prefix: str, pages=PAGES) -> list:
        return object_urls(self.name, prefix, **{page: getattr(self, page) for page in pages})


# Where each page of one kind of object lives, the same in every domain.
PAGE_ROUTES = {
    "list": "",
    "create": "new/",
    "detail": "<int:pk>/",
    "update": "<int:pk>/edit/",
    "delete": "<int:pk>/delete/",
    "history": "<int:pk>/history/",
}


def object_urls(name: str, prefix: str = "", **views) -> list:
    """The URL patterns of one kind of object's pages under `prefix`, each named `<name>-<page>`: a page
    of PAGE_ROUTES at its usual address, any other (an action on one object: retry, download) at
    `<int:pk>/<page>/`. `object_urls("job", list=JobList, retry=JobRetry)`: "" job-list, "<int:pk>/retry/" job-retry."""
    base = f"{prefix}/" if prefix else ""
    return [
        path(f"{base}{PAGE_ROUTES.get(page, f'<int:pk>/{page}/')}", view.as_view(), name=f"{name}-{page}")
        for page, view in views.items()
    ]
