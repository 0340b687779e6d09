from django.urls import path

from chanye.core.views_exchange import ExportView, ImportView

from . import views

app_name = "projects"
PARTS = ("create", "update", "delete", "history")

urlpatterns = [
    path("board/", views.Board.as_view(), name="board"),
    path("funnel/", views.Funnel.as_view(), name="funnel"),
    path("totals/", views.Totals.as_view(), name="totals"),
    path("attention/", views.Attention.as_view(), name="attention"),
    path("<int:pk>/stage/", views.ChangeStage.as_view(), name="project-stage"),
    path(
        "import/",
        ImportView.as_view(
            importer=views.PROJECT_IMPORTER, export_url="projects:project-export", list_url="projects:project-list"
        ),
        name="project-import",
    ),
    path("export.xlsx", ExportView.as_view(importer=views.PROJECT_IMPORTER), name="project-export"),
    *views.funds.urls("funds", pages=PARTS),
    *views.service_log.urls("service", pages=PARTS),
    *views.signings.urls("signings/projects", pages=("create", "delete", "history")),
    *views.events.urls("signings"),
    *views.projects.urls(""),
]
