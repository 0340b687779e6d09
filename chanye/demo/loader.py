"""Load the Dadukou demo district from dadukou.toml, through the registry's services.

Idempotent: a record that exists (by its natural key: name, or holder + title) is left as it
is, so running `chanye demo` twice duplicates nothing and never overwrites what users edited.
"""

import datetime
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.db.models import Q

from chanye.accounts import services as account_services
from chanye.accounts.models import Office
from chanye.chains import services as chain_services
from chanye.chains.models import Chain, CityClusterMapping
from chanye.core.models import Region
from chanye.lib.periods import Period
from chanye.lib.units import parse_amount, to_base
from chanye.monitoring import services as monitoring_services
from chanye.monitoring.models import SUBJECT_FIELDS, Indicator, Observation, Target, subject_key
from chanye.projects import services as project_services
from chanye.projects.models import Project, SigningEvent
from chanye.reference.models import CityCluster, IndustryCode, StrategicCategory
from chanye.reference.services import load_reference
from chanye.registry import services
from chanye.registry.models import Cluster, Designation, Enterprise, Park, Source

DEMO_FILE = Path(__file__).with_name("dadukou.toml")
CHAINS_FILE = Path(__file__).with_name("dadukou_chains.toml")
FIGURES_FILE = Path(__file__).with_name("dadukou_figures.toml")
PROJECTS_FILE = Path(__file__).with_name("dadukou_projects.toml")
PEERS_FILE = Path(__file__).with_name("dadukou_peers.toml")


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    existing: dict[str, int] = field(default_factory=dict)

    def count(self, table: str, created: bool) -> None:
        bucket = self.created if created else self.existing
        bucket[table] = bucket.get(table, 0) + 1


def read_demo(path: Path = DEMO_FILE) -> dict:
    with path.open("rb") as file:
        return tomllib.load(file)


def parse_date(text: str) -> datetime.date | None:
    """'2024-01-23' -> that day; '2023-04' or '' -> None (a month is kept in the year field)."""
    try:
        return datetime.date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None


class DemoDataError(ValueError):
    """The demo file names something that does not exist; the message says what."""


class Loader:
    def __init__(self, data: dict, actor=None):
        self.data = data
        self.actor = actor
        self.report = LoadReport()
        self.sources: dict[str, Source] = {}
        # The demo district's own records; peers' (对标) are looked up in their own region.
        self.home = Region.objects.get(code=data["district"]["division_code"])
        self.clusters = Cluster.objects.filter(region=self.home)
        self.parks = Park.objects.filter(region=self.home)

    def run(self) -> LoadReport:
        with transaction.atomic():
            self.load_sources()
            for name, table in [
                ("office", self.office),
                ("cluster", self.cluster),
                ("park", self.park),
                ("enterprise", self.enterprise),
                ("designation", self.designation),
                ("peer_cluster", self.peer_cluster),
                ("city_mapping", self.city_mapping),
                ("chain", self.chain),
                ("observation", self.observation),
                ("target", self.target),
                ("project", self.project),
                ("signing_event", self.signing_event),
            ]:
                for record in self.data.get(name, []):
                    table(record)
        return self.report

    def citations(self, record: dict) -> list:
        return [
            services.cite(actor=self.actor, source=self.sources[c["source"]], heading=c["heading"], quote=c["quote"])
            for c in record.get("cite", [])
        ]

    def load_sources(self) -> None:
        for key, s in self.data["sources"].items():
            existing = Source.objects.filter(key=key).first()
            data = {
                "key": key,
                "publication": s["publication"],
                "title": s["title"],
                "date": parse_date(s["date"]),
                "date_note": s["date_note"],
                "page": s["page"],
                "authors": s["authors"],
                "url": s.get("url", ""),
            }
            self.sources[key] = existing or services.create_source(actor=self.actor, data=data, note="演示数据")
            self.report.count("source", existing is None)

    def _ensure(self, table: str, existing, create):
        self.report.count(table, existing is None)
        return existing or create()

    def office(self, r: dict) -> None:
        self._ensure(
            "office",
            Office.objects.filter(name=r["name"]).first(),
            lambda: account_services.create_office(actor=self.actor, name=r["name"], kind=r["kind"], note="演示数据"),
        )

    def cluster(self, r: dict) -> None:
        order = self.data["cluster"].index(r) + 1
        data = {
            "name": r["name"],
            "kind": r["kind"],
            "description": r["description"],
            "order": order,
            "office": Office.objects.filter(name=r["office"]).first() if r["office"] else None,
            "citations": self.citations(r),
        }
        self._ensure(
            "cluster",
            self.clusters.filter(name=r["name"]).first(),
            lambda: services.create_cluster(actor=self.actor, data=data, note="演示数据"),
        )

    def park(self, r: dict) -> None:
        data = {
            "name": r["name"],
            "kind": r["kind"],
            "location": r["location"],
            "clusters": list(self.clusters.filter(name__in=r["clusters"])),
            "citations": self.citations(r),
        }
        self._ensure(
            "park",
            self.parks.filter(name=r["name"]).first(),
            lambda: services.create_park(actor=self.actor, data=data, note="演示数据"),
        )

    def enterprise(self, r: dict) -> None:
        listing = r["listing"]
        data = {
            "name": r["name"],
            "short_name": r["short_name"],
            "aliases": "、".join(r["aliases"]),
            "role": r["role"],
            "clusters": list(self.clusters.filter(name__in=r["clusters"])),
            "park": self.parks.filter(name=r["park"]).first() if r["park"] else None,
            "listing_exchange": listing["exchange"],
            "listing_board": listing["board"],
            "listing_date": parse_date(listing["date"]),
            "listing_note": r["listing_note"],
            "citations": self.citations(r),
        }
        self._ensure(
            "enterprise",
            Enterprise.objects.filter(name=r["name"]).first(),
            lambda: services.create_enterprise(actor=self.actor, data=data, note="演示数据"),
        )

    def designation(self, r: dict) -> None:
        data = {
            "holder": r["holder"],
            "holder_kind": r["holder_kind"],
            "title": r["title"],
            "issuer": r["issuer"],
            "level": r["level"],
            "year": r.get("year"),
            "date": parse_date(r["date"]),
            "cluster": self.clusters.filter(name=r["cluster"]).first() if r["cluster"] else None,
            "enterprise": Enterprise.objects.filter(name=r["enterprise"]).first() if r["enterprise"] else None,
            "park": self.parks.filter(name=r["park"]).first() if r["park"] else None,
            "citations": self.citations(r),
        }
        existing = Designation.objects.filter(holder=r["holder"], title=r["title"]).first()
        self._ensure(
            "designation", existing, lambda: services.create_designation(actor=self.actor, data=data, note="演示数据")
        )

    def city_mapping(self, r: dict) -> None:
        cluster = self.clusters.get(name=r["cluster"])
        city = CityCluster.objects.get(name=r["city_cluster"])
        existing = CityClusterMapping.objects.filter(cluster=cluster, city_cluster=city).first()
        data = {"cluster": cluster, "city_cluster": city, "basis": r["basis"], "citations": self.citations(r)}
        self._ensure(
            "city_mapping",
            existing,
            lambda: chain_services.create_city_mapping(actor=self.actor, data=data, note="演示数据"),
        )

    def chain(self, r: dict) -> None:
        cluster = self.clusters.get(name=r["cluster"])
        existing = Chain.objects.filter(cluster=cluster, name=r["name"]).first()
        self.report.count("chain", existing is None)
        if existing:
            return
        order = self.data["chain"].index(r) + 1
        chain = chain_services.create_chain(
            actor=self.actor,
            note="演示数据",
            data={
                "cluster": cluster,
                "name": r["name"],
                "description": r["description"],
                "order": order,
                "citations": self.citations(r),
            },
        )
        links = {spec["key"]: self.chain_link(chain, spec, position) for position, spec in enumerate(r["link"])}
        for spec in r["link"]:
            for key in spec["next"]:
                chain_services.add_edge(actor=self.actor, source=links[spec["key"]], target=links[key], note="演示数据")
            for placed in spec["enterprises"]:
                chain_services.create_placement(
                    actor=self.actor,
                    note="演示数据",
                    data={
                        "link": links[spec["key"]],
                        "enterprise": Enterprise.objects.get(name=placed["name"]),
                        "role": placed["role"],
                        "citations": self.citations({"cite": [placed["cite"]]}),
                    },
                )

    def chain_link(self, chain, spec: dict, position: int):
        codes = list(IndustryCode.objects.filter(code__in=spec["industry_codes"], level=4))
        # The published mapping has stray non-breaking spaces at some path ends; stored paths are stripped.
        paths = {path.strip() for path in spec["strategic"]}
        categories = list(StrategicCategory.objects.filter(path__in=paths))
        if len(codes) != len(set(spec["industry_codes"])) or len(categories) != len(paths):
            raise DemoDataError(f"{chain}·{spec['name']}：行业代码或战略性新兴产业分类不存在")
        return chain_services.create_chainlink(
            actor=self.actor,
            note="演示数据",
            data={
                "chain": chain,
                "name": spec["name"],
                "segment": spec["segment"],
                "is_extension": spec["extension"],
                "description": spec["description"],
                "keywords": "、".join(spec["keywords"]),
                "order": position,
                "industry_codes": codes,
                "strategic_categories": categories,
            },
        )

    def _subject(self, r: dict) -> dict:
        """A figure's subject: the demo district's record, or a peer region's when `region` names one."""
        kind = r["subject_kind"]
        region = Region.objects.get(code=r["region"]) if r.get("region") else self.home
        fields = {"subject_kind": kind}
        if kind == "region":
            fields["region"] = region
        elif kind == "enterprise":
            fields["enterprise"] = Enterprise.objects.get(name=r["subject"])
        else:
            model = {"cluster": Cluster, "park": Park}[kind]
            fields[SUBJECT_FIELDS[kind]] = model.objects.get(region=region, name=r["subject"])
        return fields

    def peer_cluster(self, r: dict) -> None:
        """Another region's cluster, with the demo district's clusters it is compared with (对标)."""
        region = Region.objects.get(code=r["region"])
        data = {"name": r["name"], "kind": r["kind"], "region": region, "description": r["description"]}
        cluster = self._ensure(
            "peer_cluster",
            Cluster.objects.filter(region=region, name=r["name"]).first(),
            lambda: services.create_cluster(actor=self.actor, data=data, note="演示数据：对标集群"),
        )
        for name in r["peer_of"]:
            ours = self.clusters.get(name=name)
            if not ours.peers.filter(pk=cluster.pk).exists():
                services.update_cluster(
                    actor=self.actor, cluster=ours, data={"peers": [*ours.peers.all(), cluster]}, note="演示数据：对标"
                )

    def _figure(self, r: dict) -> dict:
        indicator = Indicator.objects.get(key=r["indicator"])
        value = None
        if r["value"]:
            value, unit = to_base(r["value"], r["unit"])
            if unit != indicator.unit:
                raise DemoDataError(f"{r['subject']}·{indicator}：单位{r['unit']}与指标单位{indicator.unit}不符")
        citation = self.citations({"cite": [r["cite"]]})[0]
        return {
            **self._subject(r),
            "indicator": indicator,
            "value": value,
            "qualifier": r["qualifier"],
            "note": r["note"],
            "citation": citation,
        }

    def observation(self, r: dict) -> None:
        data = {
            **self._figure(r),
            "period": Period.parse(r["period"]),
            "yoy_pct": Decimal(r["yoy_pct"]) if r["yoy_pct"] else None,
        }
        period = data["period"] if data["indicator"].kind == "flow" else Period.point(data["period"].end_date)
        data["period"] = period
        existing = Observation.objects.filter(
            subject_key=subject_key(data["subject_kind"], data.get(SUBJECT_FIELDS.get(data["subject_kind"], ""))),
            indicator=data["indicator"],
            period_kind=period.kind,
            period_start=period.start_date,
            period_end=period.end_date,
            citation=data["citation"],
        ).first()
        self._ensure(
            "observation",
            existing,
            lambda: monitoring_services.create_observation(actor=self.actor, data=data, note="演示数据"),
        )

    def target(self, r: dict) -> None:
        data = {**self._figure(r), "year": r["year"]}
        existing = Target.objects.filter(
            subject_key=subject_key(data["subject_kind"], data.get(SUBJECT_FIELDS.get(data["subject_kind"], ""))),
            indicator=data["indicator"],
            year=r["year"],
        ).first()
        self._ensure(
            "target", existing, lambda: monitoring_services.create_target(actor=self.actor, data=data, note="演示数据")
        )

    @staticmethod
    def _money(text: str):
        return parse_amount(text)[0] if text else None

    def project(self, r: dict) -> None:
        existing = Project.objects.filter(name=r["name"]).first()
        investor = (
            Enterprise.objects.filter(Q(name=r["investor"]) | Q(short_name=r["investor"])).first()
            if r["investor"]
            else None
        )
        data = {
            "name": r["name"],
            "investor": investor,
            "cluster": self.clusters.get(name=r["cluster"]),
            "park": self.parks.filter(name=r["park"]).first() if r["park"] else None,
            "planned_investment": self._money(r["planned_investment"]),
            "expected_output": self._money(r["expected_output"]),
            "note": r["note"],
            "citations": self.citations(r),
        }
        self._ensure(
            "project",
            existing,
            lambda: project_services.create_project(actor=self.actor, data=data, stage=r["stage"], note="演示数据"),
        )

    def signing_event(self, r: dict) -> None:
        existing = SigningEvent.objects.filter(name=r["name"]).first()
        data = {
            "name": r["name"],
            "date": parse_date(r["date"]),
            "date_note": r["date_note"],
            "venue": r["venue"],
            "announced_projects": r["announced_projects"],
            "announced_investment": self._money(r["announced_investment"]),
            "announced_basis": r["announced_basis"],
            "citations": self.citations(r),
        }
        self._ensure(
            "signing_event",
            existing,
            lambda: project_services.create_signingevent(actor=self.actor, data=data, note="演示数据"),
        )


def read_demo_files() -> dict:
    data = read_demo(DEMO_FILE)
    data["chain"] = read_demo(CHAINS_FILE)["chain"]
    figures = read_demo(FIGURES_FILE)
    data["observation"], data["target"] = figures["observation"], figures["target"]
    peers = read_demo(PEERS_FILE)
    data["sources"] = {**data["sources"], **peers["sources"]}
    data["peer_cluster"] = peers["peer_cluster"]
    data["observation"] += peers["observation"]
    projects = read_demo(PROJECTS_FILE)
    data["project"], data["signing_event"] = projects["project"], projects["signing_event"]
    return data


def load_demo(actor=None) -> LoadReport:
    """The demo district, with the reference classifications its chains are coded in."""
    if not IndustryCode.objects.exists():
        load_reference(actor=actor)
    return Loader(read_demo_files(), actor=actor).run()


# One account per role; the 产业办 account belongs to the office of the first cluster that names one.
DEMO_ACCOUNTS = [
    ("admin", "管理员"),
    ("lingdao", "领导"),
    ("chanyeban", "产业办"),
    ("zhaoshang", "招商局"),
    ("tongji", "统计"),
]


def set_up_demo_accounts() -> list[tuple[str, str, str]]:
    """Create or reset the demo accounts; return (username, role, password) for each."""
    office = Office.objects.filter(clusters__isnull=False).order_by("clusters__order").first()
    accounts = []
    for username, role in DEMO_ACCOUNTS:
        offices = [office] if role == "产业办" and office else []
        _user, password = account_services.set_up_account(actor=None, username=username, role=role, offices=offices)
        accounts.append((username, role, password))
    return accounts
