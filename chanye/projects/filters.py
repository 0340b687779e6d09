import django_filters

from chanye.core.filters import StyledFilterSet
from chanye.registry.models import Cluster

from .models import Project


class ProjectFilter(StyledFilterSet):
    cluster = django_filters.ModelChoiceFilter(queryset=Cluster.objects.all(), label="所属集群")
    stage = django_filters.ChoiceFilter(choices=Project.STAGE_CHOICES, label="阶段")

    class Meta:
        model = Project
        fields = ["cluster", "stage", "office"]
