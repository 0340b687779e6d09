from django.urls import path

from . import views

app_name = "visits"

urlpatterns = [
    path("appeals/mine/", views.AppealMine.as_view(), name="appeal-mine"),
    path("appeals/overdue/", views.AppealOverdue.as_view(), name="appeal-overdue"),
    path("appeals/export.xlsx", views.AppealExport.as_view(), name="appeal-export"),
    path("appeals/<int:pk>/status/", views.AppealStatus.as_view(), name="appeal-status"),
    path("appeals/<int:pk>/claim/", views.AppealClaim.as_view(), name="appeal-claim"),
    *views.appeals.urls("appeals"),
    path("bottlenecks/", views.BottleneckView.as_view(), name="bottlenecks"),
    path("notifications/", views.NotificationList.as_view(), name="notification-list"),
    path("notifications/<int:pk>/", views.NotificationOpen.as_view(), name="notification-open"),
    path("heads/", views.OfficeHeadList.as_view(), name="officehead-list"),
    *views.heads.urls("heads", pages=("create", "update", "delete", "history")),
    path("export.xlsx", views.VisitExport.as_view(), name="visit-export"),
    *views.visits.urls(""),
]
