from django.urls import path

from chanye.core.views import object_urls

from . import views

app_name = "regions"

urlpatterns = [
    *object_urls("region", list=views.RegionList, detail=views.RegionDetail),
    path("map/", views.RegionMap.as_view(), name="map"),
    path("<int:pk>/quotients/", views.Quotients.as_view(), name="quotients"),
    path("<int:pk>/shift-share/", views.ShiftShare.as_view(), name="shift-share"),
    path("clusters/<int:pk>/peers/", views.ClusterPeers.as_view(), name="peers"),
]
