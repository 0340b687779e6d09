"""What a figure is about: the configured clusters, enterprises and parks, and the district.

The caller builds a Subjects (from the registry, or from the demo file with Subjects.from_demo());
the engine turns it into a Lexicon: every name and alias, longest first, so that
“重庆国际复合材料股份有限公司” is one mention and not “国际复合材料” inside it. A document can add
names of its own: “重庆三峰环境集团股份有限公司（简称“三峰环境”）” makes every later 三峰环境 a
mention of the company, configured or not.
"""

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DEMO = Path(__file__).resolve().parents[2] / "demo" / "dadukou.toml"

CLUSTER, ENTERPRISE, PARK, DISTRICT, ORG = "cluster", "enterprise", "park", "district", "org"


@dataclass
class Subjects:
    """What the engine maps subjects to; built by the caller."""

    clusters: dict[str, list[str]]  # cluster name -> names/aliases that refer to it
    enterprises: dict[str, list[str]]  # enterprise name -> short names / aliases
    district: str = ""  # e.g. "大渡口区" (also "全区", "大渡口" refer to it)
    parks: dict[str, list[str]] = field(default_factory=dict)  # park name -> aliases (产业载体)

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
    for suffix in ("自治县", "新区", "区", "县", "市"):
        if district.endswith(suffix) and len(district) - len(suffix) >= 2:
            names.append(district[: -len(suffix)])
            names.extend(
                {
                    "区": ["全区", "我区", "本区", "区内"],
                    "新区": ["全区", "我区", "本区"],
                    "县": ["全县", "我县", "本县", "县内"],
                    "自治县": ["全县", "我县", "本县"],
                    "市": ["全市", "我市", "本市"],
                }[suffix]
            )
            break
    return names


class Lexicon:
    """Every name that refers to a subject, compiled into one pattern (longest names first)."""

    def __init__(self, names: dict[str, Entity]):
        self.names = names
        alternatives = sorted(names, key=len, reverse=True)
        self.pattern = re.compile("|".join(re.escape(name) for name in alternatives)) if alternatives else None

    @classmethod
    def build(cls, subjects: Subjects) -> "Lexicon":
        return _lexicon(_key(subjects))

    def with_names(self, extra: dict[str, Entity]) -> "Lexicon":
        if not extra:
            return self
        return Lexicon({**self.names, **extra})

    def resolve(self, name: str) -> Entity | None:
        return self.names.get(name)

    def mentions(self, text: str) -> list[Mention]:
        if self.pattern is None:
            return []
        return [Mention(m.start(), m.end(), m.group(), self.names[m.group()]) for m in self.pattern.finditer(text)]


def _key(subjects: Subjects):
    def frozen(mapping):
        return tuple(
            sorted((str(name), tuple(str(a) for a in aliases or ())) for name, aliases in (mapping or {}).items())
        )

    return frozen(subjects.clusters), frozen(subjects.enterprises), frozen(subjects.parks), str(subjects.district or "")


@lru_cache(maxsize=16)
def _lexicon(key) -> Lexicon:
    clusters, enterprises, parks, district = key
    names: dict[str, Entity] = {}
    ambiguous: set[str] = set()

    def add(name: str, entity: Entity):
        name = name.strip()
        if len(name) < 2:
            return
        if name in names and names[name] != entity:
            # Two subjects share a name: a configured name beats an alias, else neither is used.
            if names[name].name == name:
                return
            if entity.name != name:
                ambiguous.add(name)
                return
        names[name] = entity

    # Order matters only for clashes: enterprises' own names, then clusters', then parks'.
    for name, _aliases in enterprises:
        add(name, Entity(ENTERPRISE, name))
    for name, _aliases in clusters:
        add(name, Entity(CLUSTER, name))
    for name, _aliases in parks:
        add(name, Entity(PARK, name))
    for kind, table in ((ENTERPRISE, enterprises), (CLUSTER, clusters), (PARK, parks)):
        for name, aliases in table:
            for alias in aliases:
                add(alias, Entity(kind, name))
    for alias in district_aliases(district):
        names.setdefault(alias, Entity(DISTRICT, district))
    for name in ambiguous:
        names.pop(name, None)
    return Lexicon(names)


# -- names a document declares ----------------------------------------------------------------

# （简称“三峰环境”）, (以下简称“国际复材”), （下称三峰环境）: normalize() has made the brackets full-width.
_SHORT_NAME = re.compile(r"（(?:以下)?(?:简称|下称|简称为)[：:]?[“\"]?(?P<short>[^”\"）（，。]{2,16})[”\"]?）")
# Words that can stand right before a company's name and are not part of it.
_LEAD_WORDS = re.compile(
    r".*(?:走进|来到|位于|走访|调研|考察|参观|引进|引入|培育|支持|推动|带动|服务|帮助|包括|例如|比如|如|由|是|的|和|与|及|对|在|为|以|据|经|让|使|将|把|被|从|向|同|跟|给|了|，|。|、|；|：|“|”|\s)"
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
        if entity is None and len(full) < 2:
            continue
        entity = entity or Entity(ORG, full)
        short = match["short"].strip()
        if short not in lexicon.names or lexicon.names[short] == entity:
            extra[short] = entity
        if entity.kind == ORG:
            extra.setdefault(full, entity)
    for match in _COMPANY.finditer(text):
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
