from django.urls import path

from chanye.core.views_exchange import ExportView, ImportView

from . import views

app_name = "registry"


def exchange(prefix: str, kind: str) -> list:
    return [
        path(
            f"{prefix}/import/",
            ImportView.as_view(
                importer=views.IMPORTERS[kind], export_url=f"registry:{kind}-export", list_url=f"registry:{kind}-list"
            ),
            name=f"{kind}-import",
        ),
        path(f"{prefix}/export.xlsx", ExportView.as_view(importer=views.IMPORTERS[kind]), name=f"{kind}-export"),
    ]


urlpatterns = [
    *exchange("clusters", "cluster"),
    *views.clusters.urls("clusters"),
    *exchange("enterprises", "enterprise"),
    *views.enterprises.urls("enterprises"),
    *exchange("parks", "park"),
    *views.parks.urls("parks"),
    *exchange("designations", "designation"),
    *views.designations.urls("designations"),
]
