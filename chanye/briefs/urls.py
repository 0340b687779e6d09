from django.urls import path

from chanye.core.views import object_urls

from . import views

app_name = "briefs"
urlpatterns = [
    *object_urls(
        "brief", list=views.BriefList, create=views.BriefCreate, detail=views.BriefDetail, download=views.BriefDownload
    ),
    path("preview/", views.BriefPreview.as_view(), name="preview"),
]
