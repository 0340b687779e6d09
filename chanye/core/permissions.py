"""What a user may do, asked by name where the model is not at hand (templates, the menu): the same
`can_add` the services check before every write, so a page never shows an action that ends in 403."""

from django.apps import apps


def may_add(user, model_label: str) -> bool:
    """Whether the user may create rows of the model named "app_label.ModelName"."""
    if user is None or not user.is_authenticated:
        return False
    return apps.get_model(model_label)._default_manager.can_add(user)
