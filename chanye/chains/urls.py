from django.urls import path

from chanye.core.views_exchange import ExportView, ImportView

from . import views

app_name = "chains"

urlpatterns = [
    path("crosswalk/", views.Crosswalk.as_view(), name="crosswalk"),
    path("<int:pk>/print/", views.ChainPrint.as_view(), name="chain-print"),
    path("links/<int:pk>/panel/", views.LinkPanel.as_view(), name="link-panel"),
    path(
        "candidates/import/",
        ImportView.as_view(
            importer=views.CANDIDATE_IMPORTER,
            export_url="chains:candidate-export",
            list_url="chains:candidateenterprise-list",
        ),
        name="candidate-import",
    ),
    path("candidates/export.xlsx", ExportView.as_view(importer=views.CANDIDATE_IMPORTER), name="candidate-export"),
    *views.candidates.urls("candidates", pages=("list", "create", "update", "delete", "history")),
    *views.placements.urls("placements", pages=("create", "update", "delete", "history")),
    *views.links.urls("links"),
    *views.chains.urls(""),
]
