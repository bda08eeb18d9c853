"""Build a realistic case file of N entities, deterministically from a seed.

Persons carry 2-3 aliases (Cyrillic originals and a second Latin transliteration),
organisations, places, sources and events (EDTF dates) follow, then two links per
entity, notes and citations. The schema is created by casefile itself
(``open_database`` runs the migrations); rows go in with ``sqlite3`` executemany in
one transaction, with the derived keys (``name_folded``...) computed by casefile's
own functions, so the file is exactly what casefile would have written.
"""

from __future__ import annotations

import json
import random
import sqlite3
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casefile.dates import parse_date
from casefile.names import casefold_exact, fold, split_alias_spec

# The dossier ``show`` is measured on: a person with exactly HUB_LINKS links.
HUB_NAME = "Sviatlana Tsikhanouskaya"
HUB_ALIASES = ("Ціханоўская@be", "Svetlana Tikhanovskaya", "Тихановская@ru")
HUB_LINKS = 50
# What ``search`` looks for: one alias of the hub (a rare name, found via an alias).
SEARCH_QUERY = "Tikhanovskaya"

FIRST = (
    "Аляксандр", "Сяргей", "Дзмітрый", "Андрэй", "Міхаіл", "Павел", "Уладзімір", "Ігар", "Віктар",
    "Юрый", "Алег", "Максім", "Раман", "Вадзім", "Яўген", "Канстанцін", "Мікалай", "Генадзь",
    "Святлана", "Вольга", "Наталля", "Алена", "Ірына", "Таццяна", "Марыя", "Ганна", "Людміла",
    "Кацярына", "Юлія", "Вераніка", "Марына", "Галіна", "Дар'я", "Ксенія", "Аксана", "Ніна",
)  # fmt: skip
ROOTS = (
    "Кавал", "Мельнік", "Шаўч", "Бандар", "Ткач", "Кравч", "Лысен", "Марозав", "Пятроў", "Сідар",
    "Карпен", "Жук", "Паўлюк", "Гардзей", "Бабар", "Вашкев", "Дзямід", "Емяльян", "Зайц", "Ільін",
    "Казлоў", "Лебедз", "Макар", "Навум", "Осіпав", "Радзевіч", "Савіцк", "Тарас", "Ульян", "Федар",
    "Харытон", "Цімафе", "Чарнавол", "Шыманск", "Юркев", "Якаўлев", "Белавус", "Гарбач", "Дуб", "Зубар",
    "Калеснік", "Лукашэв", "Мацкев", "Някрас", "Пракоп", "Рыбак", "Сакалоў", "Трусаў", "Філіпав", "Хмель",
)  # fmt: skip
SUFFIXES = ("", "енка", "ёнак", "овіч", "ская", "скі", "ук", "ец", "ін", "ава")
NICKNAMES = ("Sasha", "Seryozha", "Dima", "Misha", "Pasha", "Lena", "Ira", "Tanya", "Masha", "Yulia")
ORG_WORDS = (
    "Human Rights", "Press", "Legal", "Civic", "Solidarity", "Independent", "Regional", "National",
    "Free", "Democratic", "Workers'", "Students'", "Journalists'", "Lawyers'", "Mothers'",
)  # fmt: skip
ORG_NOUNS = ("Centre", "Association", "Union", "Committee", "Foundation", "Network", "Council", "Bureau")
CITIES = (
    ("Мінск", "Belarus"), ("Гомель", "Belarus"), ("Магілёў", "Belarus"), ("Віцебск", "Belarus"),
    ("Гродна", "Belarus"), ("Брэст", "Belarus"), ("Вільнюс", "Lithuania"), ("Варшава", "Poland"),
    ("Кіеў", "Ukraine"), ("Рыга", "Latvia"), ("Масква", "Russia"), ("Беласток", "Poland"),
)  # fmt: skip
PUBLISHERS = ("European Pravda", "Nasha Niva", "Viasna", "Zerkalo", "Reuters", "RFE/RL", "BelaPAN")
ORG_TYPES = ("NGO", "media outlet", "government body", "court", "party", "company")
SOURCE_TYPES = ("article", "document", "testimony", "interview", "post", "video", "report")
EVENT_TYPES = ("arrest", "trial", "release", "visit", "statement", "meeting", "protest")
ROLES = ("released", "met with", "member of", "spouse of", "reported by", "cites", "took part in", "said")
STATUSES = ("detained", "convicted", "released", "in exile", "deceased", None)
TAGS = ("belarus", "political prisoner", "opposition", "media", "court", "exile", "ukraine", "poland")

# Cyrillic -> Latin, two systems (BGN-like and a Belarusian national-like one).
_BGN = dict(
    zip(
        "абвгдеёжзийклмнопрстуўфхцчшщъыьэюяі'",
        ["a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r",
         "s", "t", "u", "w", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "i", ""],
        strict=True,
    )
)  # fmt: skip
_NATIONAL = {**_BGN, "г": "h", "ў": "u", "х": "ch", "ц": "c", "ч": "č", "ш": "š", "ж": "ž", "ы": "y"}

KIND_SHARE = (("person", 0.5), ("organization", 0.1), ("place", 0.08), ("source", 0.17), ("event", 0.15))
DATE_POOL = 96
PREFIX = {"person": "P", "organization": "O", "place": "PL", "source": "S", "event": "E"}


def transliterate(text: str, table: dict[str, str]) -> str:
    """Romanise ``text`` with ``table``, keeping capitals."""
    out = []
    for char in text:
        low = char.lower()
        latin = table.get(low, char)
        out.append(latin.capitalize() if char != low and latin else latin)
    return "".join(out)


@dataclass
class Case:
    """The generated rows, table by table, plus what the benchmark needs to know."""

    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    counters: dict[str, int] = field(default_factory=dict)
    hub_handle: str = ""

    def rows(self, table: str) -> list[dict[str, Any]]:
        return self.tables.setdefault(table, [])

    def counts(self) -> dict[str, int]:
        return {name: len(rows) for name, rows in self.tables.items()}


class _Maker:
    """Draws every value from one seeded ``random.Random``."""

    def __init__(self, size: int, seed: int) -> None:
        self.size = size
        self.rng = random.Random(seed)
        self.case = Case()
        self.tick = 0
        self._dates: dict[str, tuple[int, int]] = {}
        # EDTF parsing costs ~10 ms a date, so dates come from small pools parsed once each.
        self.event_dates = [self.date(self._edtf()) for _ in range(DATE_POOL)]
        self.birth_dates = [
            self.date(f"{self.rng.randint(1950, 2000)}-{self.rng.randint(1, 12):02d}")
            for _ in range(DATE_POOL // 4)
        ]
        self.day_dates = [
            self.date(f"2025-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}")
            for _ in range(DATE_POOL // 4)
        ]

    def uuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def handle(self, prefix: str) -> str:
        number = self.case.counters.get(prefix, 0) + 1
        self.case.counters[prefix] = number
        return f"{prefix}{number}"

    def stamp(self) -> str:
        self.tick += 1
        day, second = divmod(self.tick, 86_400)
        hour, rest = divmod(second, 3600)
        return f"2025-{1 + day // 28 % 12:02d}-{1 + day % 28:02d}T{hour:02d}:{rest // 60:02d}:{rest % 60:02d}.000000Z"

    def date(self, text: str) -> tuple[str, int, int]:
        bounds = self._dates.get(text)
        if bounds is None:
            parsed = parse_date(text)
            bounds = self._dates[text] = (parsed.lower, parsed.upper)
        return text, bounds[0], bounds[1]

    def edtf(self) -> tuple[str, int, int]:
        return self.rng.choice(self.event_dates)

    def _edtf(self) -> str:
        year = self.rng.randint(2010, 2025)
        month = self.rng.randint(1, 12)
        day = self.rng.randint(1, 28)
        form = self.rng.random()
        if form < 0.55:
            return f"{year}-{month:02d}-{day:02d}"
        if form < 0.7:
            return f"{year}-{month:02d}"
        if form < 0.78:
            return f"{year}~"
        if form < 0.84:
            return f"{year}?"
        if form < 0.9:
            return f"{year - 1}/{year}"
        if form < 0.95:
            return f"../{year}-{month:02d}"
        return f"{year}-{month:02d}-XX"

    # -- entities -------------------------------------------------------------
    def entity(self, kind: str, name: str, **extra: Any) -> dict[str, Any]:
        when = self.stamp()
        row = {
            "id": self.uuid(),
            "handle": self.handle(PREFIX[kind]),
            "kind": kind,
            "name": name,
            "name_folded": fold(name),
            "name_exact": casefold_exact(name),
            "summary": extra.pop("summary", ""),
            "private": extra.pop("private", False),
            "created": when,
            "updated": when,
            **extra,
        }
        self.case.rows("entity").append(row)
        if self.rng.random() < 0.5:
            self.case.rows("tag").append({"entity_id": row["id"], "tag": self.rng.choice(TAGS)})
        return row

    def alias(self, entity: dict[str, Any], spec: str, kind: str = "transliteration") -> None:
        name, lang, script = split_alias_spec(spec)
        if name == entity["name"]:
            return
        self.case.rows("alias").append(
            {
                "id": self.uuid(),
                "entity_id": entity["id"],
                "name": name,
                "name_folded": fold(name),
                "name_exact": casefold_exact(name),
                "alias_kind": kind,
                "lang": lang,
                "script": script,
                "scheme": None,
                "created": entity["created"],
                "updated": entity["created"],
            }
        )

    def person(self, name_cyrillic: str | None = None) -> dict[str, Any]:
        rng = self.rng
        cyrillic = name_cyrillic or f"{rng.choice(FIRST)} {rng.choice(ROOTS)}{rng.choice(SUFFIXES)}"
        born = rng.choice(self.birth_dates) if rng.random() < 0.6 else None
        row = self.entity(
            "person",
            transliterate(cyrillic, _BGN),
            summary=f"Named in {rng.randint(1, 40)} reports." if rng.random() < 0.4 else "",
            private=rng.random() < 0.05,
            status=rng.choice(STATUSES),
            born_text=born[0] if born else None,
            born_lo=born[1] if born else None,
            born_hi=born[2] if born else None,
        )
        self.alias(row, f"{cyrillic}@{rng.choice(('be', 'ru'))}")
        self.alias(row, transliterate(cyrillic, _NATIONAL))
        if rng.random() < 0.5:
            self.alias(row, f"{rng.choice(NICKNAMES)} {row['name'].split()[-1]}", "nickname")
        return row

    def hub(self) -> dict[str, Any]:
        row = self.entity("person", HUB_NAME, summary="Belarusian opposition figure.", status="in exile")
        for spec in HUB_ALIASES:
            self.alias(row, spec)
        self.case.hub_handle = row["handle"]
        return row

    def organization(self) -> dict[str, Any]:
        rng = self.rng
        city = rng.choice(CITIES)[0]
        name = f"{transliterate(city, _BGN)} {rng.choice(ORG_WORDS)} {rng.choice(ORG_NOUNS)}"
        row = self.entity("organization", name, category=rng.choice(ORG_TYPES))
        if rng.random() < 0.5:
            self.alias(row, f"{city} {rng.randint(1, 999)}@be", "former name")
        return row

    def place(self) -> dict[str, Any]:
        rng = self.rng
        city, country = rng.choice(CITIES)
        name = f"{transliterate(city, _BGN)} district {rng.randint(1, 10_000)}"
        row = self.entity(
            "place",
            name,
            country=country,
            latitude=round(rng.uniform(50, 57), 4),
            longitude=round(rng.uniform(21, 33), 4),
        )
        self.alias(row, f"{city} раён {rng.randint(1, 99)}@be")
        return row

    def source(self, people: list[dict[str, Any]]) -> dict[str, Any]:
        rng = self.rng
        published = rng.choice(self.day_dates)
        accessed = rng.choice(self.day_dates)
        subject = rng.choice(people)["name"] if people else "the case"
        return self.entity(
            "source",
            f"{rng.choice(('Report on', 'Interview with', 'Statement about', 'Court record of'))} {subject}",
            category=rng.choice(SOURCE_TYPES),
            url=f"https://example.org/{rng.getrandbits(48):x}",
            publisher=rng.choice(PUBLISHERS),
            author=rng.choice(people)["name"] if people and rng.random() < 0.5 else None,
            published_text=published[0],
            published_lo=published[1],
            published_hi=published[2],
            accessed_text=accessed[0],
            accessed_lo=accessed[1],
            accessed_hi=accessed[2],
            reliability=rng.choice("ABCDEF"),
        )

    def event(self, people: list[dict[str, Any]], places: list[dict[str, Any]]) -> dict[str, Any]:
        rng = self.rng
        kind = rng.choice(EVENT_TYPES)
        when = self.edtf()
        subject = rng.choice(people)["name"] if people else "unknown"
        return self.entity(
            "event",
            f"{kind.capitalize()} of {subject}",
            category=kind,
            date_text=when[0],
            date_lo=when[1],
            date_hi=when[2],
            place_id=rng.choice(places)["id"] if places else None,
        )

    # -- relations ------------------------------------------------------------
    def link(self, source: dict[str, Any], target: dict[str, Any]) -> dict[str, Any]:
        when = self.edtf() if self.rng.random() < 0.3 else None
        row = {
            "id": self.uuid(),
            "handle": self.handle("L"),
            "source_id": source["id"],
            "target_id": target["id"],
            "role": self.rng.choice(ROLES),
            "date_text": when[0] if when else None,
            "date_lo": when[1] if when else None,
            "date_hi": when[2] if when else None,
            "note": "As reported." if self.rng.random() < 0.1 else None,
            "created": source["created"],
            "updated": source["created"],
        }
        self.case.rows("link").append(row)
        return row

    def note(self, entity: dict[str, Any]) -> dict[str, Any]:
        rng = self.rng
        row = {
            "id": self.uuid(),
            "handle": self.handle("N"),
            "entity_id": entity["id"],
            "link_id": None,
            "body": f"Seen in **{rng.choice(PUBLISHERS)}** on {self.edtf()[0]}.\n\n- follow up {rng.randint(1, 99)}",
            "private": rng.random() < 0.05,
            "created": entity["created"],
            "updated": entity["created"],
        }
        self.case.rows("note").append(row)
        return row

    def citation(self, source: dict[str, Any], **target: str) -> None:
        rng = self.rng
        self.case.rows("citation").append(
            {
                "id": self.uuid(),
                "handle": self.handle("CI"),
                "source_id": source["id"],
                "entity_id": target.get("entity_id"),
                "link_id": target.get("link_id"),
                "note_id": target.get("note_id"),
                "claim_id": None,
                "locator": f"paragraph {rng.randint(1, 30)}" if rng.random() < 0.6 else None,
                "quote": "as the report says" if rng.random() < 0.2 else None,
                "credibility": rng.randint(1, 6) if rng.random() < 0.7 else None,
                "created": source["created"],
                "updated": source["created"],
            }
        )


def _kind_counts(size: int) -> dict[str, int]:
    counts = {kind: max(1, int(size * share)) for kind, share in KIND_SHARE}
    counts["person"] += size - sum(counts.values())
    return counts


def generate(size: int, seed: int) -> Case:
    """The rows of a case file of ``size`` entities (``size`` >= 60)."""
    if size < 60:
        raise ValueError("the benchmark case file needs at least 60 entities")
    maker = _Maker(size, seed)
    rng = maker.rng
    counts = _kind_counts(size)
    hub = maker.hub()
    people = [hub] + [maker.person() for _ in range(counts["person"] - 1)]
    orgs = [maker.organization() for _ in range(counts["organization"])]
    places = [maker.place() for _ in range(counts["place"])]
    sources = [maker.source(people) for _ in range(counts["source"])]
    events = [maker.event(people, places) for _ in range(counts["event"])]
    everyone = people + orgs + places + sources + events
    others = everyone[1:]
    links: list[dict[str, Any]] = []
    for entity in everyone:
        for _ in range(2):
            target = rng.choice(others)
            while target is entity:
                target = rng.choice(others)
            links.append(maker.link(entity, target))
    for target in rng.sample(others, HUB_LINKS - 2):
        links.append(maker.link(hub, target))
    for link in links:
        if rng.random() < 0.5:
            maker.citation(rng.choice(sources), link_id=link["id"])
    for entity in everyone:
        if rng.random() < 0.5:
            note = maker.note(entity)
            if rng.random() < 0.3:
                maker.citation(rng.choice(sources), note_id=note["id"])
        if rng.random() < 0.25:
            maker.citation(rng.choice(sources), entity_id=entity["id"])
    return maker.case


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]


def _insert(conn: sqlite3.Connection, table: str, rows: Iterable[dict[str, Any]]) -> None:
    rows = list(rows)
    if not rows:
        return
    given = {name for row in rows for name in row}
    names = [name for name in _columns(conn, table) if name in given]
    sql = f'INSERT INTO "{table}" ({", ".join(names)}) VALUES ({", ".join("?" * len(names))})'
    conn.executemany(sql, ([row.get(name) for name in names] for row in rows))


TABLE_ORDER = ("entity", "alias", "tag", "link", "note", "citation")


def write(case: Case, path: Path) -> None:
    """Create the case file at ``path`` with casefile's schema and insert ``case`` in one transaction."""
    from casefile.storage.engine import open_database

    db = open_database(str(path))
    db.dispose()
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        # A build-only fast path: a big page cache and no WAL while loading; WAL again at the end.
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA cache_size = -1000000")
        conn.execute("BEGIN IMMEDIATE")
        for table in TABLE_ORDER:
            _insert(conn, table, case.rows(table))
        conn.executemany(
            "INSERT INTO handle_counter (prefix, next_value) VALUES (?, ?) "
            "ON CONFLICT (prefix) DO UPDATE SET next_value = excluded.next_value",
            sorted((prefix, number + 1) for prefix, number in case.counters.items()),
        )
        conn.execute("COMMIT")
        conn.execute("PRAGMA journal_mode = WAL")
    finally:
        conn.close()


def rebuild_derived(path: Path) -> None:
    """Let casefile derive what it keeps beside the rows (search keys...), as after a bulk import."""
    import importlib

    from casefile.storage.engine import open_database

    try:
        search_index = importlib.import_module("casefile.storage.search_index")
    except ModuleNotFoundError:
        return
    rebuild_all = getattr(search_index, "rebuild_all", None)
    if rebuild_all is None:
        return
    db = open_database(str(path))
    try:
        with db.engine.execution_options(casefile_write=True).begin() as conn:
            rebuild_all(conn)
    finally:
        db.dispose()


def build(size: int, seed: int, path: Path) -> Case:
    """Generate and write a case file; return what was written."""
    case = generate(size, seed)
    write(case, path)
    rebuild_derived(path)
    return case


def add_baseline_fts(path: Path) -> None:
    """The raw-sqlite3 side's search index: FTS5 trigram over folded names and aliases."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN")
        conn.execute(
            "CREATE VIRTUAL TABLE bench_name_fts USING fts5(entity_id UNINDEXED, name, tokenize='trigram')"
        )
        conn.execute("INSERT INTO bench_name_fts SELECT id, name_folded FROM entity")
        conn.execute("INSERT INTO bench_name_fts SELECT entity_id, name_folded FROM alias")
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def write_persons_bundle(size: int, seed: int, path: Path) -> None:
    """A casefile bundle of ``size`` generated people (names, aliases, tags), nothing else.

    Written in ``export json``'s layout (one record per line, sorted by UUID), straight
    from the generator's rows: no case file, no casefile code.
    """
    maker = _Maker(size, seed)
    people = [maker.person() for _ in range(size)]
    aliases: dict[str, list[dict[str, Any]]] = {}
    for row in maker.case.rows("alias"):
        record = {"id": row["id"], "name": row["name"], "kind": row["alias_kind"]}
        record |= {k: row[k] for k in ("lang", "script", "scheme") if row.get(k) is not None}
        aliases.setdefault(row["entity_id"], []).append(
            {**record, "created": row["created"], "updated": row["updated"]}
        )
    tags: dict[str, list[str]] = {}
    for row in maker.case.rows("tag"):
        tags.setdefault(row["entity_id"], []).append(row["tag"])
    lines = []
    for person in sorted(people, key=lambda p: p["id"]):
        record = {
            k: person[k] for k in ("id", "handle", "kind", "name", "summary", "private", "created", "updated")
        }
        if person.get("status") is not None:
            record["status"] = person["status"]
        if person.get("born_text") is not None:
            record["born"] = person["born_text"]
        record["aliases"] = sorted(aliases.get(person["id"], []), key=lambda a: a["id"])
        record["tags"] = sorted(tags.get(person["id"], []))
        lines.append(json.dumps(record, ensure_ascii=False, sort_keys=True))
    rest = ("links", "notes", "claims", "citations", "claim_resolutions")
    with path.open("w", encoding="utf-8") as out:
        out.write('{"format": "casefile", "version": 1,\n"entities": [\n')
        out.write(",\n".join(lines))
        out.write("\n],\n")
        out.write(",\n".join(f'"{key}": []' for key in rest))
        out.write("\n}\n")
