"""What a figure is about: the configured clusters, enterprises and parks, and the district.

The caller builds a Subjects (from the registry, or from the demo file with Subjects.from_demo());
the engine turns it into a Lexicon, once per Subjects: every name and alias, longest first, so that
“重庆国际复合材料股份有限公司” is one mention and not “国际复合材料” inside it. A document can add
names of its own: “重庆三峰环境集团股份有限公司（简称“三峰环境”）” makes every later 三峰环境 a
mention of the company, configured or not.
"""

import dataclasses
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ahocorasick_rs import AhoCorasick

from chanye.lib.gazetteer import Gazetteer

DEMO = Path(__file__).resolve().parents[2] / "demo" / "dadukou.toml"

CLUSTER, ENTERPRISE, PARK, DISTRICT, ORG = "cluster", "enterprise", "park", "district", "org"


@dataclass
class Subjects:
    """What the engine maps subjects to; built by the caller."""

    clusters: dict[str, list[str]]  # cluster name -> names/aliases that refer to it
    enterprises: dict[str, list[str]]  # enterprise name -> short names / aliases
    district: str = ""  # e.g. "大渡口区" (also "全区", "大渡口" refer to it)
    parks: dict[str, list[str]] = field(default_factory=dict)  # park name -> aliases (产业载体)
    # The compiled Lexicon (Lexicon.build), kept with the subjects so that a registry is compiled once.
    _compiled: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def but(self, **changes) -> "Subjects":
        """A copy with some fields changed (another district, no clusters…), sharing the compiled
        enterprises' names when the enterprises stay."""
        copy = dataclasses.replace(self, **changes)
        if copy.enterprises is self.enterprises:
            copy._compiled = self._compiled
        return copy

    @classmethod
    def from_demo(cls, path: Path = DEMO) -> "Subjects":
        """The demo district from chanye/demo/dadukou.toml, so that the CLI works without a database.

        A cluster is referred to by its name, “name产业”, “name产业集群” and the name of the office
        that runs it (“现代服务产业办” is the 现代服务业 office); an enterprise by its short name and
        aliases; a park by its name."""
        with Path(path).open("rb") as file:
            data = tomllib.load(file)
        offices: dict[str, list[str]] = {}
        for cluster in data.get("cluster", []):
            if cluster.get("office"):
                offices.setdefault(cluster["name"], []).append(cluster["office"])
        clusters = {
            c["name"]: _unique([f"{c['name']}产业集群", f"{c['name']}产业", c["name"], *offices.get(c["name"], [])])
            for c in data.get("cluster", [])
        }
        enterprises = {
            e["name"]: _unique([e.get("short_name", ""), *e.get("aliases", [])]) for e in data.get("enterprise", [])
        }
        parks = {p["name"]: [] for p in data.get("park", [])}
        return cls(
            clusters=clusters, enterprises=enterprises, district=data.get("district", {}).get("name", ""), parks=parks
        )


def _unique(names) -> list[str]:
    seen = []
    for name in names:
        name = str(name or "").strip()
        if name and name not in seen:
            seen.append(name)
    return seen


@dataclass(frozen=True)
class Entity:
    kind: (
        str  # cluster | enterprise | park | district | org (a company the text names but the caller did not configure)
    )
    name: str  # the configured name (or the full name the text declared)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    entity: Entity


def district_aliases(district: str) -> list[str]:
    if not district:
        return []
    names = [district]
    for suffix in ("自治县", "自治州", "自治区", "新区", "区", "县", "市", "省", "盟"):
        if district.endswith(suffix) and len(district) - len(suffix) >= 2:
            names.append(district[: -len(suffix)])
            names.extend(
                {
                    "区": ["全区", "我区", "本区", "区内"],
                    "新区": ["全区", "我区", "本区"],
                    "县": ["全县", "我县", "本县", "县内"],
                    "自治县": ["全县", "我县", "本县"],
                    "市": ["全市", "我市", "本市"],
                    # a province's or autonomous region's own text: 全省招商引资签约项目… is its figure
                    "省": ["全省", "我省", "本省", "省内"],
                    "自治区": ["全区", "我区", "本区", "区内"],
                    "自治州": ["全州", "我州", "本州"],
                    "盟": ["全盟", "我盟", "本盟"],
                }[suffix]
            )
            break
    # the names the gazetteer knows it by: 长沙经济技术开发区 is written 长沙经开区, 武汉东湖新技术开发区 光谷
    for place in Gazetteer.load().by_name.get(district, [])[:1]:
        names += [name for name in (place.short, *place.aliases) if len(name) >= 2 and name not in names]
    return names


class Lexicon:
    """Every name that refers to a subject, found in a text as one alternation of all the names
    (longest first) would find them: left to right, at each position the longest name, no overlaps.

    The enterprises' names (hundreds of thousands in a city) are compiled once into an Aho-Corasick
    automaton kept with the Subjects that gave them (see Lexicon.build); the few names of clusters,
    parks and the district, and the names a document declares, lie in a small layer over it that may
    also hide a name of the layer below. Finding the mentions in a text, or what a name refers to,
    then costs the same whatever the size of the registry."""

    def __init__(self, names: dict[str, Entity], base: "_EnterpriseNames | None" = None):
        self._base = base or _NO_ENTERPRISES
        self._over: dict[str, Entity | None] = dict(names)  # None: the name refers to nothing here
        self._automaton = _Automaton([name for name, entity in self._over.items() if entity is not None])
        self.names = _NameView(self)

    @classmethod
    def build(cls, subjects: Subjects) -> "Lexicon":
        """The lexicon of the subjects, compiled on first use and kept with them (and with the copies
        Subjects.but() makes of them): a Subjects is read as it was when first built."""
        cache = subjects._compiled
        if "enterprises" not in cache:
            cache["enterprises"] = _EnterpriseNames(subjects.enterprises or {})
        base = cache["enterprises"]
        key = (_frozen(subjects.clusters), _frozen(subjects.parks), str(subjects.district or ""))
        if key not in cache:
            if len(cache) > 64:  # the regions documents speak of: few, but not kept forever
                cache.clear()
                cache["enterprises"] = base
            cache[key] = cls(base.over(*key), base)
        return cache[key]

    def with_names(self, extra: dict[str, Entity]) -> "Lexicon":
        if not extra:
            return self
        return Lexicon({**self._over, **extra}, self._base)

    def resolve(self, name: str) -> Entity | None:
        if name in self._over:
            return self._over[name]
        return self._base.names.get(name)

    def clusters(self) -> frozenset:
        """The clusters a name refers to (the enterprises' layer holds enterprises only)."""
        return frozenset(e for e in self._over.values() if e is not None and e.kind == CLUSTER)

    def mentions(self, text: str) -> list[Mention]:
        found = [m for m in self._base.automaton.occurrences(text) if m[2] not in self._over]
        found += self._automaton.occurrences(text)
        found.sort(key=lambda m: (m[0], m[0] - m[1]))  # by start, the longest first
        mentions, end = [], 0
        for start, stop, name in found:
            if start >= end:
                mentions.append(Mention(start, stop, name, self.resolve(name)))
                end = stop
        return mentions


class _Automaton:
    """Where any of a set of names stands in a text, overlapping occurrences included."""

    def __init__(self, names: list[str]):
        self.patterns = [name for name in names if name]
        self.automaton = AhoCorasick(self.patterns) if self.patterns else None

    def occurrences(self, text: str) -> list[tuple[int, int, str]]:
        if self.automaton is None or not text:
            return []
        patterns = self.patterns
        return [(s, e, patterns[i]) for i, s, e in self.automaton.find_matches_as_indexes(text, overlapping=True)]


class _NameView(Mapping):
    """lexicon.names: what each name refers to (read-only)."""

    def __init__(self, lexicon: Lexicon):
        self._lexicon = lexicon

    def __getitem__(self, name: str) -> Entity:
        entity = self._lexicon.resolve(name)
        if entity is None:
            raise KeyError(name)
        return entity

    def __contains__(self, name) -> bool:
        return self._lexicon.resolve(name) is not None

    def __iter__(self):
        lexicon = self._lexicon
        yield from (name for name, entity in lexicon._over.items() if entity is not None)
        yield from (name for name in lexicon._base.names if name not in lexicon._over)

    def __len__(self) -> int:
        return sum(1 for _ in self)


OWN, ALIAS = 0, 1  # a name added as a subject's own name, or as one of its aliases


def _settle(name: str, adds: list[Entity], district: Entity | None = None) -> Entity | None:
    """What one name refers to, given the subjects that claim it in order (own names of enterprises,
    clusters, parks, then their aliases in the same order): when two subjects share a name, a
    configured name beats an alias, and two aliases cancel each other; the district's names only
    fill a name nobody else claims."""
    current, ambiguous = None, False
    for entity in adds:
        if current is not None and current != entity:
            if current.name == name:
                continue
            if entity.name != name:
                ambiguous = True
                continue
        current = entity
    if current is None:
        current = district
    return None if ambiguous else current


class _EnterpriseNames:
    """The enterprises' names and aliases, settled among themselves and compiled into an automaton.
    A name claimed more than once keeps its claims, so that a cluster's, park's or district's claim
    on it can be settled in the right order (over()). Built from the Subjects' mapping as it is,
    without sorting or copying it: for a city, most of the time goes to reading the registry."""

    def __init__(self, enterprises: Mapping):
        names: dict[str, str] = {}  # name -> the enterprise it was first claimed for
        repeated: set[str] = set()  # names claimed more than once
        # Two plain loops (no call per name): a city's registry has hundreds of thousands.
        for enterprise in map(str, enterprises):
            name = enterprise.strip()
            if len(name) >= 2:
                if name in names:
                    repeated.add(name)
                else:
                    names[name] = enterprise
        for enterprise, aliases in enterprises.items():
            for alias in aliases or ():
                name = str(alias).strip()
                if len(name) >= 2:
                    if name in names:
                        repeated.add(name)
                    else:
                        names[name] = str(enterprise)
        # Every claim of a name claimed more than once, in the order the rules read them: own names
        # before aliases, each by the enterprise's name, an enterprise's aliases in their order.
        claims: dict[str, list[tuple[int, Entity]]] = {name: [] for name in repeated}
        for enterprise in sorted(str(e) for e in enterprises if str(e).strip() in claims):
            claims[enterprise.strip()].append((OWN, Entity(ENTERPRISE, enterprise)))
        for enterprise, aliases in sorted((str(e), a) for e, a in enterprises.items() if a):
            for alias in aliases:
                if str(alias).strip() in claims:
                    claims[str(alias).strip()].append((ALIAS, Entity(ENTERPRISE, enterprise)))
        for name, adds in claims.items():
            settled = _settle(name, [entity for _how, entity in adds])
            if settled is None:
                del names[name]
            else:
                names[name] = settled.name
        self.names = _Enterprises(names)
        self.claims = claims
        self.automaton = _Automaton(list(names))

    def _claims(self, name: str) -> list[tuple[int, Entity]]:
        if name in self.claims:
            return self.claims[name]
        entity = self.names.get(name)
        if entity is None:
            return []
        # Claimed once: as an own name exactly when it is the enterprise's name (an alias equal to
        # the enterprise's own name would be a second claim).
        return [(OWN if entity.name.strip() == name else ALIAS, entity)]

    def over(self, clusters: tuple, parks: tuple, district: str) -> dict[str, Entity | None]:
        """The names of clusters, parks and the district settled with the enterprises' claims: the
        layer a Lexicon lays over this one (None hides an enterprise's name)."""
        own: dict[str, list[Entity]] = {}
        aliases: dict[str, list[Entity]] = {}
        for kind, table in ((CLUSTER, clusters), (PARK, parks)):
            for name, names in table:
                entity = Entity(kind, name)
                if len(name.strip()) >= 2:
                    own.setdefault(name.strip(), []).append(entity)
                for alias in names:
                    if len(alias.strip()) >= 2:
                        aliases.setdefault(alias.strip(), []).append(entity)
        home = {alias: Entity(DISTRICT, district) for alias in district_aliases(district)}
        over: dict[str, Entity | None] = {}
        for name in {*own, *aliases, *home}:
            enterprise = self._claims(name)
            adds = [
                *(e for how, e in enterprise if how == OWN),
                *own.get(name, []),
                *(e for how, e in enterprise if how == ALIAS),
                *aliases.get(name, []),
            ]
            over[name] = _settle(name, adds, home.get(name))
        return over


class _Enterprises(dict):
    """name -> Entity of the enterprise it refers to, holding only the enterprise's name."""

    def get(self, name, default=None):
        enterprise = super().get(name)
        return default if enterprise is None else Entity(ENTERPRISE, enterprise)

    def values(self):
        return [Entity(ENTERPRISE, enterprise) for enterprise in super().values()]


_NO_ENTERPRISES = _EnterpriseNames({})


def _frozen(mapping) -> tuple:
    return tuple(sorted((str(name), tuple(str(a) for a in aliases or ())) for name, aliases in (mapping or {}).items()))


# -- names a document declares ----------------------------------------------------------------

# （简称“三峰环境”）, (以下简称“国际复材”), （下称三峰环境）: normalize() has made the brackets full-width.
_A_DOCUMENT = re.compile(r"(?:》|方案|意见|规划|办法|通知|计划|纲要|决定|条例)$")
_AN_INDUSTRY = re.compile(r"(?:产业|集群|行业|产业链)(?:（基地）)?$")
_SHORT_NAME = re.compile(r"（(?:以下)?(?:简称|下称|简称为)[：:]?[“\"]?(?P<short>[^”\"）（，。]{2,16})[”\"]?）")
# Words that can stand right before a company's name and are not part of it.
_LEAD_WORDS = re.compile(
    r".*(?:走进|来到|位于|走访|调研|考察|参观|引进|引入|培育|支持|推动|带动|服务|帮助|包括|例如|比如|如|由|是|的|和|与|及|对|在|为|以|据|经|让|使|将|把|被|从|向|同|跟|给|了|，|。|、|；|：|“|”|\s)",
    re.DOTALL,  # a name never holds a line break: the lead words of every line before it count
)
COMPANY_SUFFIX = re.compile(r"(?:股份有限公司|有限责任公司|有限公司|集团)$")
_COMPANY = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{2,30}?(?:股份有限公司|有限责任公司|有限公司)")


def trim_name(text: str) -> str:
    """The name at the end of a run of text: 走进重庆三峰环境集团股份有限公司 -> 重庆三峰环境集团股份有限公司."""
    match = _LEAD_WORDS.match(text)
    name = text[match.end() :] if match else text
    return re.sub(r"^\d{4}年(?:\d{1,2}月)?(?:底|末|初)?", "", name)


def declared_names(text: str, lexicon: Lexicon) -> dict[str, Entity]:
    """Short names declared in the text, and companies it names in full that the caller did not configure."""
    extra: dict[str, Entity] = {}
    for match in _SHORT_NAME.finditer(text):
        before = text[max(0, match.start() - 40) : match.start()]
        entity = _known_at_end(before, lexicon)
        full = trim_name(before)
        if entity is None and (
            len(full) < 2 or _A_DOCUMENT.search(full) or _AN_INDUSTRY.search(full) or match["short"].startswith("《")
        ):
            continue  # 《…实施方案》（以下简称《实施方案》）: the short name of a document, not of an organisation;
            # 县域特色产业集群（基地）（以下简称“集群”）: of an industry, which the text's industries read
        entity = entity or Entity(ORG, full)
        short = match["short"].strip()
        if short not in lexicon.names or lexicon.names[short] == entity:
            extra[short] = entity
        if entity.kind == ORG:
            extra.setdefault(full, entity)
    # every company suffix holds 有限: a text without it is not searched (the lazy pattern tries every position)
    for match in _COMPANY.finditer(text) if "有限" in text else ():
        full = trim_name(match.group())
        if len(full) >= 6 and full not in lexicon.names and full not in extra and _known_at_end(full, lexicon) is None:
            extra[full] = Entity(ORG, full)
    return extra


def _known_at_end(name: str, lexicon: Lexicon) -> Entity | None:
    """A configured subject whose name (or alias) the text ends with: “走进重庆三峰环境集团股份有限公司”."""
    for index in range(len(name) - 1):
        if (entity := lexicon.resolve(name[index:])) is not None and entity.kind != DISTRICT:
            return entity
    return None
