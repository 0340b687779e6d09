"""/api/v1/regions/: the regions (search by name, short name or code), a region's roll-up of its
districts, location quotients and a district's shift-share; /api/v1/peers/<cluster>/: a cluster beside
its peers. The same reports and the same scope rules as the pages."""

import math

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import routers, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from chanye.core.api import RestrictedReadViewSet
from chanye.core.models import Region
from chanye.core.querysets import VIEW
from chanye.core.regions import scope_of
from chanye.core.views import get_restricted_object
from chanye.registry.models import Cluster

from . import reports
from .forms import QuotientForm, RollupForm, ShiftShareForm


class RegionSerializer(serializers.ModelSerializer):
    parent_name = serializers.StringRelatedField(source="parent", read_only=True, allow_null=True)  # top level: null

    class Meta:
        model = Region
        fields = ["id", "code", "name", "short_name", "level", "parent", "parent_name", "aliases"]


def _number(value):
    if value is None:
        return None
    number = float(value)
    return None if math.isnan(number) else number


def _readable(request, pk) -> Region:
    region = get_restricted_object(Region, request.user, pk, VIEW)
    if not scope_of(request.user).allows(region):
        raise Http404
    return region


def _invalid(form) -> Response:
    return Response({name: list(errors) for name, errors in form.errors.items()}, status=400)


class RegionViewSet(RestrictedReadViewSet):
    queryset = Region.objects.all()
    serializer_class = RegionSerializer
    filterset_fields = ["level", "parent", "code"]

    def optimise(self, queryset):
        return queryset.select_related("parent")

    @extend_schema(
        parameters=[OpenApiParameter("period", str), OpenApiParameter("grouping", str, enum=list(reports.GROUPINGS))],
        responses={200: dict},
    )
    @action(detail=True)
    def rollup(self, request, pk=None):
        """The region's districts' clusters summed by group for a period (default the latest), with 同比
        from the sums, coverage, the districts missing and each district's figure."""
        region = _readable(request, pk)
        form = RollupForm(request.query_params)
        if not form.is_valid():
            return _invalid(form)
        periods = reports.rollup_periods(region)
        period = form.cleaned_data["period"] or (periods[0] if periods else None)
        if period is None:
            return Response({"region": region.name, "period": None, "groups": []})
        rollup = reports.rollup(region, period, form.cleaned_data["grouping"])
        return Response(
            {
                "region": region.name,
                "period": period.label,
                "grouping": rollup.grouping,
                "groups": [
                    {
                        "group": group,
                        "indicators": {
                            key: {
                                "period": cell.period.label,
                                "total": _number(cell.total),
                                "yoy_pct": _number(cell.yoy),
                                "yoy_complete": cell.yoy_complete,
                                "coverage": cell.coverage,
                                "missing": [r.name for r in cell.missing],
                                "districts": [
                                    {"region": f.region.name, "value": _number(f.value), "yoy_pct": _number(f.yoy)}
                                    for f in cell.ranking
                                ],
                            }
                            for key, cell in cells.items()
                        },
                    }
                    for group, cells in rollup.rows.items()
                ],
            }
        )

    @extend_schema(parameters=[OpenApiParameter("level", int, enum=[1, 2, 3, 4])], responses={200: dict})
    @action(detail=True)
    def quotients(self, request, pk=None):
        """Location quotients of the region's districts by GB/T 4754 class, from enterprise counts."""
        region = _readable(request, pk)
        form = QuotientForm(request.query_params)
        if not form.is_valid():
            return _invalid(form)
        q = reports.enterprise_quotients(region, form.cleaned_data["level"])
        return Response(
            {
                "region": region.name,
                "level": form.cleaned_data["level"],
                "industries": [{"code": c, "name": q.names.get(c, "")} for c in q.industries],
                "districts": [
                    {
                        "region": d.name,
                        "code": d.code,
                        "enterprises": [int(v) for v in q.sizes[i]],
                        "lq": [_number(v) for v in q.lq[i]],
                        "strong": [q.industries[j] for j in range(len(q.industries)) if q.strong[i, j]],
                    }
                    for i, d in enumerate(q.districts)
                ],
            }
        )

    @extend_schema(
        parameters=[
            OpenApiParameter("indicator", str, required=True),
            OpenApiParameter("start", str, required=True),
            OpenApiParameter("end", str, required=True),
            OpenApiParameter("grouping", str, enum=list(reports.GROUPINGS)),
        ],
        responses={200: dict},
    )
    @action(detail=True, url_path="shift-share")
    def shift_share(self, request, pk=None):
        """A district's change between two periods, by cluster group, against its city: national share,
        industry mix and regional shift."""
        district = _readable(request, pk)
        if district.parent is None:
            raise Http404
        form = ShiftShareForm(request.query_params)
        if not form.is_valid():
            return _invalid(form)
        data = form.cleaned_data
        table = reports.district_shift_share(district, data["indicator"], data["start"], data["end"], data["grouping"])
        parts = table.parts
        return Response(
            {
                "region": district.name,
                "reference": table.reference.name,
                "indicator": table.indicator.key,
                "start": table.start.label,
                "end": table.end.label,
                "groups": [
                    {
                        "group": group,
                        "start": _number(table.values[group][0]),
                        "end": _number(table.values[group][1]),
                        "change": _number(parts.change[i]),
                        "national_share": _number(parts.national_share[i]),
                        "industry_mix": _number(parts.industry_mix[i]),
                        "regional_shift": _number(parts.regional_shift[i]),
                    }
                    for i, group in enumerate(table.groups)
                ]
                if parts is not None
                else [],
                "totals": parts.totals() if parts is not None else None,
            }
        )


class PeerViewSet(viewsets.ViewSet):
    """GET /api/v1/peers/<cluster>/: the cluster's latest figures beside its peers' of the same period."""

    @extend_schema(parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH)], responses={200: dict})
    def retrieve(self, request, pk=None):
        cluster = get_restricted_object(Cluster, request.user, pk, VIEW)
        peers = list(Cluster.objects.restrict(request.user, VIEW).filter(pk__in=cluster.peers.values("pk")))
        rows = reports.peer_comparison(cluster, peers)

        def figure(observation):
            if observation is None:
                return None
            return {
                "id": observation.pk,
                "period": observation.period.label,
                "value": _number(observation.value),
                "yoy_pct": _number(observation.yoy_pct),
                "source": observation.source_label(),
            }

        return Response(
            {
                "cluster": {"id": cluster.pk, "name": cluster.name, "region": cluster.region.name},
                "peers": [{"id": p.pk, "name": p.name, "region": p.region.name} for p in peers],
                "indicators": [
                    {
                        "indicator": row.indicator.key,
                        "ours": figure(row.ours),
                        "peers": [
                            {"cluster": peer.pk, "same_period": figure(same), "latest": figure(latest)}
                            for peer, same, latest in row.peers
                        ],
                    }
                    for row in rows
                ],
            }
        )


router = routers.DefaultRouter()
router.register("regions", RegionViewSet)
router.register("peers", PeerViewSet, basename="peers")
