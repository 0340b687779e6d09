from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "chanye.projects"
    label = "projects"
    verbose_name = "招商项目库"
