"""`restrict(user, action)`: the one place that decides which rows a user may see or change.

Every page and API endpoint reads through it. Administrators get everything; a user with no
role gets nothing; everything in between is the model's own rule, written in its queryset, within
the regions the user works for (chanye.core.regions).
"""

from django.db import models

from chanye.core import roles

VIEW, CHANGE, DELETE = "view", "change", "delete"
ACTIONS = (VIEW, CHANGE, DELETE)


class RestrictedQuerySet(models.QuerySet):
    # The relations that put a row in someone's charge (an enterprise's clusters, a figure's subject, a
    # project's cluster): every row a write attaches the object to or detaches it from through one of them
    # must itself be one the writer may attach things to (`attachable`), checked before anything is written.
    scope_relations: tuple[str, ...] = ()

    def restrict(self, user, action: str = VIEW):
        if action not in ACTIONS:
            raise ValueError(f"unknown action {action!r}")
        if not roles.has_role(user):
            return self.none()
        if roles.is_admin(user):
            return self
        if action == VIEW:
            return self.viewable_by(user).in_scope_of(user)
        return self.changeable_by(user, action).in_scope_of(user)

    def in_scope_of(self, user):
        """Rows of the regions the user works for, and peers' (chanye.core.regions). A model names the
        path to its region in `region_field` ("region", "chain__cluster__region"); without one, rows
        belong to no region and the role rules alone decide."""
        field = getattr(self.model, "region_field", None)
        if field is None:
            return self
        from chanye.core.regions import scope_of  # the regions module reads models that use this queryset

        scope = scope_of(user)
        return self if scope.is_whole_instance else self.filter(scope.q(field))

    def within(self, region):
        """Rows of the region and the regions in it (a model without `region_field` has no region)."""
        field = getattr(self.model, "region_field", None)
        if field is None:
            return self
        from chanye.core.models import Region  # the models module uses this queryset

        # the subtree's ids (a prefix of the indexed path), then the rows by their indexed region column:
        # cheaper than joining every row to its region to compare paths (10,000 firms of a district)
        return self.filter(**{f"{field}__in": Region.objects.filter(path__startswith=region.path).values("pk")})

    def viewable_by(self, user):
        """Rows a non-administrator with a role may read. Default: all (领导 reads everything)."""
        return self

    def changeable_by(self, user, action: str):
        """Rows a non-administrator may change or delete. Default: none."""
        return self.none()

    def can_add(self, user) -> bool:
        """Whether the user may create rows of this model."""
        if not roles.has_role(user):
            return False
        return roles.is_admin(user) or self.addable_by(user)

    def addable_by(self, user) -> bool:
        """Whether a non-administrator may create rows. Default: no."""
        return False

    def attachable(self, user, relation: str):
        """The rows of `relation`'s model a non-administrator may attach rows of this model to, or detach
        them from; None when the user's rule for this model is not about that relation (招商局 edits every
        project, whatever its cluster). Default: the related rows the user may change (an 产业办: its
        office's clusters, their enterprises and parks, and peers' records)."""
        related = self.model._meta.get_field(relation).related_model
        return related._default_manager.restrict(user, CHANGE)
