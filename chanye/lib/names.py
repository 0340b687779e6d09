"""Lists of names as people type them into one cell or field."""

SEPARATORS = ("、", "，", ",", ";", "；", "\n")


def split_names(value) -> list[str]:
    """'大数据智能化、新材料' -> ['大数据智能化', '新材料']; a list passes through cleaned."""
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    text = str(value or "")
    for separator in SEPARATORS[1:]:
        text = text.replace(separator, SEPARATORS[0])
    return [part.strip() for part in text.split(SEPARATORS[0]) if part.strip()]
