from django.urls import path

from . import views

app_name = "archive"
urlpatterns = [
    path("", views.Search.as_view(), name="search"),
    path("documents/", views.DocumentList.as_view(), name="document-list"),
    path("documents/<int:pk>/", views.DocumentDetail.as_view(), name="document-detail"),
    path("documents/<int:pk>/edit/", views.DocumentUpdate.as_view(), name="document-update"),
    path("documents/<int:pk>/original/", views.DocumentOriginal.as_view(), name="document-original"),
    path("documents/<int:pk>/delete/", views.DeleteDocument.as_view(), name="document-delete"),
    path("documents/<int:pk>/joins/<int:index>/undo/", views.UndoJoin.as_view(), name="undo-join"),
    path("upload/", views.Upload.as_view(), name="upload"),
    path("runs/<int:pk>/", views.RunDetail.as_view(), name="run-detail"),
]
