from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "chanye.jobs"
    label = "jobs"
    verbose_name = "后台任务"

    def ready(self):
        # Each app declares its kinds of job in its own `jobs.py` (chanye.jobs.registry); importing them
        # here makes every process, web server and worker alike, know every kind.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("jobs")
