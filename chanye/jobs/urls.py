from django.urls import path

from . import views

app_name = "jobs"
urlpatterns = [
    path("", views.JobList.as_view(), name="job-list"),
    path("<int:pk>/", views.JobDetail.as_view(), name="job-detail"),
    path("<int:pk>/retry/", views.JobRetry.as_view(), name="job-retry"),
    path("schedules/", views.Schedules.as_view(), name="schedules"),
    path("schedules/<slug:name>/run/", views.RunSchedule.as_view(), name="schedule-run"),
    path("check/", views.CheckWorkers.as_view(), name="check-workers"),
]
