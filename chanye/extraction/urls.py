from django.urls import path

from . import views

app_name = "extraction"
urlpatterns = [
    path("", views.FactList.as_view(), name="fact-list"),
    path("<int:pk>/", views.FactDetail.as_view(), name="fact-detail"),
    path("<int:pk>/accept/", views.AcceptFact.as_view(), name="fact-accept"),
    path("<int:pk>/reject/", views.RejectFact.as_view(), name="fact-reject"),
    path("<int:pk>/resolve/", views.ResolveFact.as_view(), name="fact-resolve"),
    path("bulk-accept/", views.BulkAccept.as_view(), name="bulk-accept"),
    path("conflicts/", views.ConflictList.as_view(), name="conflicts"),
    path("conflicts/<str:key>/", views.DecideConflict.as_view(), name="conflict-decide"),
    path("documents/<int:pk>/extract/", views.ExtractDocument.as_view(), name="document-extract"),
]
