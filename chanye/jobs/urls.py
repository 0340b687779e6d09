from django.urls import path

from chanye.core.views import object_urls

from . import views

app_name = "jobs"
urlpatterns = [
    *object_urls("job", list=views.JobList, detail=views.JobDetail, retry=views.JobRetry),
    path("schedules/", views.Schedules.as_view(), name="schedules"),
    path("schedules/<slug:name>/run/", views.RunSchedule.as_view(), name="schedule-run"),
    path("check/", views.CheckWorkers.as_view(), name="check-workers"),
]
