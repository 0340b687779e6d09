"""Steps that several apps' migrations share: putting existing records under the instance's region."""

from django.conf import settings
from django.db import migrations, models


def home_region(apps):
    """The instance's region (CHANYE_REGION, a code or a name) in a migration's historical models."""
    Region = apps.get_model("core", "Region")
    wanted = settings.CHANYE_REGION
    found = Region.objects.filter(models.Q(code=wanted) | models.Q(name=wanted) | models.Q(short_name=wanted))
    region = found.order_by("level").first()
    if region is None:
        raise RuntimeError(f"CHANYE_REGION={wanted!r} 不在区划代码中")
    return region


def put_under_home_region(app_label: str, *model_names: str) -> migrations.RunPython:
    """Records made before regions existed belong to the region the instance serves."""

    def forwards(apps, schema_editor):
        home = home_region(apps)
        for name in model_names:
            apps.get_model(app_label, name).objects.filter(region=None).update(region=home)

    return migrations.RunPython(forwards, migrations.RunPython.noop)


def region_field() -> models.ForeignKey:
    """The field of chanye.core.models.Regional as it stands once every record has its region."""
    return models.ForeignKey(
        blank=True,
        on_delete=models.deletion.PROTECT,
        related_name="%(class)s_set",
        to="core.region",
        verbose_name="所属区域",
    )
