from django.urls import path

from . import views

app_name = "registry"


def exchange(prefix: str, kind: str) -> list:
    return [
        path(f"{prefix}/import/", views.ImportView.as_view(kind=kind), name=f"{kind}-import"),
        path(f"{prefix}/export.xlsx", views.ExportView.as_view(kind=kind), name=f"{kind}-export"),
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
