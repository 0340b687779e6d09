from django.urls import path

from chanye.core.views import object_urls

from . import views

app_name = "extraction"
urlpatterns = [
    *object_urls(
        "fact",
        list=views.FactList,
        detail=views.FactDetail,
        accept=views.AcceptFact,
        reject=views.RejectFact,
        resolve=views.ResolveFact,
    ),
    path("bulk-accept/", views.BulkAccept.as_view(), name="bulk-accept"),
    path("conflicts/", views.ConflictList.as_view(), name="conflicts"),
    path("conflicts/<str:key>/", views.DecideConflict.as_view(), name="conflict-decide"),
    path("documents/<int:pk>/extract/", views.ExtractDocument.as_view(), name="document-extract"),
]
