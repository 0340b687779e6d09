from django.urls import path

from chanye.core.views import object_urls

from . import views

app_name = "visits"

urlpatterns = [
    path("appeals/mine/", views.AppealMine.as_view(), name="appeal-mine"),
    path("appeals/overdue/", views.AppealOverdue.as_view(), name="appeal-overdue"),
    path("appeals/export.xlsx", views.AppealExport.as_view(), name="appeal-export"),
    *object_urls("appeal", "appeals", status=views.AppealStatus, claim=views.AppealClaim),
    *views.appeals.urls("appeals"),
    path("bottlenecks/", views.BottleneckView.as_view(), name="bottlenecks"),
    path("notifications/", views.NotificationList.as_view(), name="notification-list"),
    path("notifications/<int:pk>/", views.NotificationOpen.as_view(), name="notification-open"),
    *object_urls("officehead", "heads", list=views.OfficeHeadList),
    *views.heads.urls("heads", pages=("create", "update", "delete", "history")),
    path("export.xlsx", views.VisitExport.as_view(), name="visit-export"),
    *views.visits.urls(""),
]
