"""What the migrations that add catalogue aliases to existing databases share (0005, 0007, 0009). Not a
migration itself: Django's loader skips modules whose names begin with an underscore."""


def adding(added: dict[str, list[str]]):
    """A RunPython function adding these names to each indicator's aliases; an alias a user already has, or the
    indicator's own name, is not repeated, and an indicator the database does not have is left alone."""

    def add(apps, schema_editor):
        Indicator = apps.get_model("monitoring", "Indicator")
        for key, names in added.items():
            indicator = Indicator.objects.filter(key=key).first()
            if indicator is None:
                continue
            aliases = [a for a in indicator.aliases.split("、") if a]
            missing = [n for n in names if n not in aliases and n != indicator.name]
            if missing:
                indicator.aliases = "、".join(aliases + missing)
                indicator.save(update_fields=["aliases"])

    return add
