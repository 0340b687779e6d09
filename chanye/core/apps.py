from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "chanye.core"
    label = "core"
    verbose_name = "平台"

    def ready(self):
        # Django 6.1's blank choice of a model form's select, "- Select an option -", has no Chinese
        # translation yet; Django documents overwriting it in an app's ready().
        from django.db.models import fields

        fields.BLANK_CHOICE_LABEL = _("请选择")
