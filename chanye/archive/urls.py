from django.urls import path

from chanye.core.views import object_urls

from . import views

app_name = "archive"
urlpatterns = [
    path("", views.Search.as_view(), name="search"),
    *object_urls(
        "document",
        "documents",
        list=views.DocumentList,
        detail=views.DocumentDetail,
        update=views.DocumentUpdate,
        original=views.DocumentOriginal,
        delete=views.DeleteDocument,
    ),
    path("documents/<int:pk>/joins/<int:index>/undo/", views.UndoJoin.as_view(), name="undo-join"),
    path("upload/", views.Upload.as_view(), name="upload"),
    path("runs/<int:pk>/", views.RunDetail.as_view(), name="run-detail"),
]
