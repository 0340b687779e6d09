"""Stub routes (the navigation names them); replaced by the visits app's real views."""

from django.urls import path
from django.views.generic import TemplateView

app_name = "visits"
_stub = TemplateView.as_view(template_name="core/planned.html", extra_context={"label": "走访诉求"})
urlpatterns = [
    path("appeals/mine/", _stub, name="appeal-mine"),
    path("appeals/", _stub, name="appeal-list"),
    path("appeals/overdue/", _stub, name="appeal-overdue"),
    path("bottlenecks/", _stub, name="bottlenecks"),
    path("", _stub, name="visit-list"),
]
