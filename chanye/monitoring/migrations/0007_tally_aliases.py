"""Names news and bureau notes use for a period's tally of signed projects and their money (新签项目,
签约项目, 协议资金, 合同额, 签约金额 …), added to the aliases of existing databases; an alias a user already
has is not repeated."""

from django.db import migrations

from ._aliases import adding

ADDED = {
    "projects_introduced": ["新签项目", "签约项目", "新签约项目"],
    "contract_investment": ["协议投资", "协议资金", "合同额", "签约金额", "签约额", "签约立项额"],
}


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0006_bureau_templates")]
    operations = [migrations.RunPython(adding(ADDED), migrations.RunPython.noop)]
