from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "chanye.audit"
    label = "audit"
    verbose_name = "操作记录"
