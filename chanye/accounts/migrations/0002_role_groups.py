"""The five role groups exist in every database, so permissions never depend on set-up steps."""

from django.db import migrations

ROLES = ("管理员", "领导", "产业办", "招商局", "统计")


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
