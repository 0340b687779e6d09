from django.urls import path

from . import views

app_name = "regions"

urlpatterns = [
    path("", views.RegionList.as_view(), name="region-list"),
    path("map/", views.RegionMap.as_view(), name="map"),
    path("<int:pk>/", views.RegionDetail.as_view(), name="region-detail"),
    path("<int:pk>/quotients/", views.Quotients.as_view(), name="quotients"),
    path("<int:pk>/shift-share/", views.ShiftShare.as_view(), name="shift-share"),
    path("clusters/<int:pk>/peers/", views.ClusterPeers.as_view(), name="peers"),
]
