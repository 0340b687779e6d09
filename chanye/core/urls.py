from django.urls import path

from . import history

app_name = "audit"
urlpatterns = [path("", history.SiteHistory.as_view(), name="site")]
