"""Region pages: the regions (searchable, with short names), a region's page with its districts and the
city roll-up, a cluster beside its peers (对标), location quotients and shift-share. Figures are read
only for regions the user works for, or peers' (chanye.core.regions); the reports compute, views render."""

from django.http import Http404
from django.views import generic

from chanye.core.models import Region
from chanye.core.querysets import VIEW
from chanye.core.regions import scope_of
from chanye.core.views import RestrictedListView, RoleRequiredMixin, get_restricted_object
from chanye.registry.models import Cluster, Park

from . import reports
from .forms import QuotientForm, RollupForm, ShiftShareForm


def readable_region(user, pk: int) -> Region:
    """A region whose figures the user may read: their own region's subtree, or outside the instance."""
    region = get_restricted_object(Region, user, pk, VIEW)
    if not scope_of(user).allows(region):
        raise Http404("不在您负责的区域内")
    return region


class RegionList(RestrictedListView):
    model = Region
    paginate_by = 50
    template_name = "regions/region_list.html"

    def get_queryset(self):
        """The instance's own regions; a search looks through every region of the country."""
        queryset = super().get_queryset().select_related("parent")
        return queryset if self.query else queryset.within(scope_of(self.request.user).home)


class RegionDetail(RoleRequiredMixin, generic.TemplateView):
    """A region: where it lies, what lies in it, its clusters; for a region of districts the roll-up of
    their clusters' figures for a period."""

    template_name = "regions/region_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        region = get_restricted_object(Region, user, kwargs["pk"], VIEW)
        scope = scope_of(user)
        context.update(
            region=region,
            ancestors=list(reversed(region.ancestors())),
            children=Region.objects.filter(parent=region).order_by("code", "name"),
            readable=scope.allows(region),
            is_peer=scope.is_peer(region),
            clusters=Cluster.objects.restrict(user, VIEW).filter(region=region) if scope.allows(region) else [],
        )
        if scope.allows(region):
            context.update(self.rollup(region))
        return context

    def rollup(self, region: Region) -> dict:
        form = RollupForm(self.request.GET or None)
        periods = reports.rollup_periods(region)
        if not periods:
            return {"form": form, "periods": []}
        period, grouping = periods[0], "city_cluster"
        if form.is_valid():
            period = form.cleaned_data["period"] or period
            grouping = form.cleaned_data["grouping"]
        return {"form": form, "periods": periods, "rollup": reports.rollup(region, period, grouping)}


class ClusterPeers(RoleRequiredMixin, generic.TemplateView):
    """对标: a cluster's latest figures beside its chosen peers' of the same indicator and period."""

    template_name = "regions/peers.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        cluster = get_restricted_object(Cluster, user, kwargs["pk"], VIEW)
        peers = list(
            Cluster.objects.restrict(user, VIEW).filter(pk__in=cluster.peers.values("pk")).select_related("region")
        )
        rows = reports.peer_comparison(cluster, peers)
        context.update(
            cluster=cluster,
            peers=peers,
            rows=rows,
            chart=reports.peer_chart(cluster, rows),
            can_change=Cluster.objects.restrict(user, "change").filter(pk=cluster.pk).exists(),
        )
        return context


class Quotients(RoleRequiredMixin, generic.TemplateView):
    """Location quotients and strong industries of a region's districts, by GB/T 4754 class."""

    template_name = "regions/quotients.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        region = readable_region(self.request.user, kwargs["pk"])
        form = QuotientForm(self.request.GET or None)
        level = form.cleaned_data["level"] if form.is_valid() else 2
        quotients = reports.enterprise_quotients(region, level)
        context.update(
            region=region,
            form=form,
            level_name=reports.CODE_LEVELS[level],
            quotients=quotients,
            rows=[(d, quotients.row(i)) for i, d in enumerate(quotients.districts)],
        )
        return context


class ShiftShare(RoleRequiredMixin, generic.TemplateView):
    """Shift-share of a district's clusters between two periods against its city."""

    template_name = "regions/shift_share.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        district = readable_region(self.request.user, kwargs["pk"])
        if district.parent is None:
            raise Http404("省级区域没有可比较的上级区域")
        form = ShiftShareForm(self.request.GET or None)
        table = None
        if form.is_valid():
            data = form.cleaned_data
            table = reports.district_shift_share(
                district, data["indicator"], data["start"], data["end"], data["grouping"]
            )
        context.update(region=district, form=form, table=table, rows=table.rows() if table else [])
        return context


class RegionMap(RoleRequiredMixin, generic.TemplateView):
    """一图: the city's districts drawn from the vendored map, coloured by a chosen indicator (the latest
    period any district has), the user's district outlined, the parks with coordinates as points."""

    template_name = "regions/map.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        scope = scope_of(user)
        city = reports.map_city(scope.region)
        if city is None:
            return {**context, "city": None, "region": scope.region}
        districts = [d for d in reports.districts_of(city) if scope.allows(d)]
        indicators = reports.map_indicators(districts)
        wanted = self.request.GET.get("indicator")
        indicator = next((i for i in indicators if i.key == wanted), indicators[0] if indicators else None)
        values = reports.map_values(districts, indicator) if indicator else {"period": "", "unit": "", "regions": []}
        parks = Park.objects.restrict(user, VIEW).within(city).filter(latitude__isnull=False, longitude__isnull=False)
        context.update(
            city=city,
            region=scope.region,
            indicators=indicators,
            indicator=indicator,
            values=values,
            map_script=reports.CITY_MAPS[city.code]["script"],
            map_data={
                "map": reports.CITY_MAPS[city.code]["name"],
                "home": scope.region.name,
                "home_short": scope.region.short_name,
                "indicator": indicator.name if indicator else "",
                **values,
                "parks": reports.map_parks(parks),
            },
        )
        return context
