from django.urls import path

from . import views

app_name = "monitoring"

urlpatterns = [
    path("clusters/<int:pk>/", views.ClusterFigures.as_view(), name="cluster-figures"),
    path("observations/import/", views.ImportObservations.as_view(), name="observation-import"),
    path("observations/import/template.xlsx", views.ObservationImportTemplate.as_view(), name="observation-template"),
    *views.observations.urls("observations"),
    *views.targets.urls("targets"),
    *views.import_templates.urls("observations/import/templates"),
]
