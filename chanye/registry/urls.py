from django.urls import path

from . import views

app_name = "registry"


def crud(prefix: str, name: str, list_view, detail, create, update, delete, history) -> list:
    return [
        path(f"{prefix}/", list_view.as_view(), name=f"{name}-list"),
        path(f"{prefix}/new/", create.as_view(), name=f"{name}-create"),
        path(f"{prefix}/<int:pk>/", detail.as_view(), name=f"{name}-detail"),
        path(f"{prefix}/<int:pk>/edit/", update.as_view(), name=f"{name}-update"),
        path(f"{prefix}/<int:pk>/delete/", delete.as_view(), name=f"{name}-delete"),
        path(f"{prefix}/<int:pk>/history/", history.as_view(), name=f"{name}-history"),
    ]


def exchange(prefix: str, kind: str) -> list:
    return [
        path(f"{prefix}/import/", views.ImportView.as_view(kind=kind), name=f"{kind}-import"),
        path(f"{prefix}/export.xlsx", views.ExportView.as_view(kind=kind), name=f"{kind}-export"),
    ]


v = views
urlpatterns = [
    *crud("clusters", "cluster", v.ClusterList, v.ClusterDetail, v.ClusterCreate, v.ClusterUpdate, v.ClusterDelete, v.ClusterHistory),
    *exchange("enterprises", "enterprise"),
    *crud("enterprises", "enterprise", v.EnterpriseList, v.EnterpriseDetail, v.EnterpriseCreate, v.EnterpriseUpdate,
          v.EnterpriseDelete, v.EnterpriseHistory),
    *exchange("parks", "park"),
    *crud("parks", "park", v.ParkList, v.ParkDetail, v.ParkCreate, v.ParkUpdate, v.ParkDelete, v.ParkHistory),
    *exchange("designations", "designation"),
    *crud("designations", "designation", v.DesignationList, v.DesignationDetail, v.DesignationCreate,
          v.DesignationUpdate, v.DesignationDelete, v.DesignationHistory),
]
