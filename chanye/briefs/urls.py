from django.urls import path

from . import views

app_name = "briefs"
urlpatterns = [
    path("", views.BriefList.as_view(), name="brief-list"),
    path("new/", views.BriefCreate.as_view(), name="brief-create"),
    path("preview/", views.BriefPreview.as_view(), name="preview"),
    path("<int:pk>/", views.BriefDetail.as_view(), name="brief-detail"),
    path("<int:pk>/download/", views.BriefDownload.as_view(), name="brief-download"),
]
