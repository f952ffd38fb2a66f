"""The archive's registries: `content/people.yml` and `content/outlets.yml`.

A registry maps every spelling a source may use (aliases) to one canonical name, so
that "Xinhua News Agency" and "Xinhua" are one outlet and "Lavrov" is Sergey Lavrov.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.addresses import display_path
from generator.errors import Problem, Problems
from generator.yamlfile import LineDict, YamlError, check_keys, load_yaml, shown

PERSON_KEYS: dict[str, type] = {"name": str, "role": str, "aliases": list, "role_aliases": list,
                                 "description": str}
OUTLET_KEYS: dict[str, type] = {"name": str, "aliases": list, "kind": str, "url": str, "domains": list,
                                 "description": str}
TERM_KEYS: dict[str, type] = {"term": str, "expansion": str, "description": str}
TOPIC_KEYS: dict[str, type] = {"name": str, "keywords": list, "description": str}


@dataclass(frozen=True)
class Person:
    name: str
    role: str | None
    aliases: tuple[str, ...]
    """Every spelling that names this person in a source, the canonical name included."""
    line: int
    role_aliases: tuple[str, ...] = ()
    """Phrases that stand for the person in reports (`Chinese leader` for `the Chinese leader said`)."""


@dataclass(frozen=True)
class Outlet:
    name: str
    aliases: tuple[str, ...]
    kind: str | None
    url: str | None
    line: int
    domains: tuple[str, ...] = ()
    """Web domains whose pages the outlet publishes (`news.cn`): a source's address then names it."""


@dataclass(frozen=True)
class Term:
    """An abbreviation of `glossary.yml`, expanded on hover wherever it stands."""

    term: str
    expansion: str
    description: str | None
    line: int


@dataclass(frozen=True)
class Topic:
    """A topic of `topics.yml`: a report is tagged with it when one of its keywords stands in the text."""

    name: str
    keywords: tuple[str, ...]
    description: str | None
    line: int


@dataclass
class Registry:
    people: dict[str, Person]
    outlets: dict[str, Outlet]
    person_alias: dict[str, str]
    """Alias → canonical person name; case-sensitive, since names are capitalised."""
    outlet_alias: dict[str, str]
    """Casefolded alias → canonical outlet name."""
    glossary: dict[str, Term] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    person_role: dict[str, str] = field(default_factory=dict)
    """Casefolded role alias (`chinese leader`) → canonical person name."""
    outlet_domain: dict[str, str] = field(default_factory=dict)
    """Web domain (`news.cn`) → canonical outlet name."""

    def outlet(self, spelling: str) -> str | None:
        return self.outlet_alias.get(fold(spelling))

    def outlet_in(self, text: str) -> str | None:
        """The outlet a credit names: the whole text, else the longest alias standing in it as whole words."""
        whole = self.outlet(text.strip(" .,;:()[]"))
        if whole:
            return whole
        pattern = re.compile(rf"(?<![\w])({longest_first(frozenset(self.outlet_alias))})(?![\w])", re.IGNORECASE)
        found = pattern.search(fold(text))
        return self.outlet_alias.get(fold(found.group(1))) if found else None

    def outlets_named_in(self, text: str) -> list[str]:
        """Every registered outlet whose name or alias stands in `text` as whole words, in order."""
        pattern = re.compile(rf"(?<![\w])({longest_first(frozenset(self.outlet_alias))})(?![\w])", re.IGNORECASE)
        return list(dict.fromkeys(self.outlet_alias[fold(m.group(1))] for m in pattern.finditer(fold(text))))

    def outlet_for_url(self, url: str | None) -> str | None:
        """The outlet whose domain (or a parent domain of it) serves `url`."""
        host = (urllib.parse.urlsplit(url).hostname or "") if url else ""
        parts = host.casefold().removeprefix("www.").split(".")
        for start in range(len(parts) - 1):
            outlet = self.outlet_domain.get(".".join(parts[start:]))
            if outlet:
                return outlet
        return None

    def person_by_role(self, phrase: str) -> str | None:
        """`the Chinese leader` → Xi Jinping, when people.yml gives him that role alias."""
        return self.person_role.get(fold(re.sub(r"^(?i:the)\s+", "", phrase)))

    def neutral_phrases(self) -> tuple[str, ...]:
        """Names, roles and role aliases of registered people: they count for nothing toward a parallel."""
        phrases: set[str] = set()
        for person in self.people.values():
            phrases.update(person.aliases)
            phrases.update(part for role in person.role_aliases for part in (role, f"the {role}"))
            if person.role:
                phrases.add(person.role)
        return tuple(sorted(phrases))

    def role_alternation(self) -> str:
        """A regex alternation of every role alias (matched after `the`, without regard to case)."""
        return longest_first(frozenset(self.person_role))

    def person(self, spelling: str) -> str | None:
        return self.person_alias.get(" ".join(spelling.split()))

    def person_alternation(self) -> str:
        """A regex alternation of every person alias, longest first so `Wang Yi` beats `Wang`."""
        return longest_first(frozenset(self.person_alias))

    def person_pattern(self) -> re.Pattern[str]:
        """Any person alias as whole words; group 1 is the alias."""
        return re.compile(rf"(?<![\w’'-])({self.person_alternation()})(?![\w-])")


@lru_cache(maxsize=32)
def longest_first(words: frozenset[str]) -> str:
    """A regex alternation of `words`, longest first; built once per set, as every report asks for it."""
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))) or r"(?!x)x"


def fold(text: str) -> str:
    return " ".join(text.casefold().split())


def load_registry(content: Path, root: Path, problems: Problems) -> Registry:
    """Read the registry files, adding every problem found to `problems`, not just the first.

    `people.yml` and `outlets.yml` are required; `glossary.yml` and `topics.yml` may be absent.
    """
    people_entries = _load_entries(content / "people.yml", root, PERSON_KEYS, problems)
    outlet_entries = _load_entries(content / "outlets.yml", root, OUTLET_KEYS, problems)

    registry = Registry(people={}, outlets={}, person_alias={}, outlet_alias={})
    people_path = display_path(content / "people.yml", root)
    for entry in people_entries:
        aliases = _aliases(entry)
        roles = tuple(fold(re.sub(r"^(?i:the)\s+", "", str(r))) for r in entry.get("role_aliases", []))
        person = Person(entry["name"], entry.get("role"), aliases, entry.line, roles)
        _register(person.name, aliases, registry.people, person, registry.person_alias,
                  lambda a: " ".join(a.split()), people_path, entry, problems)
        _claim(person.name, roles, registry.person_role, "role alias", people_path, entry.line_of("role_aliases"),
               problems)
    outlets_path = display_path(content / "outlets.yml", root)
    for entry in outlet_entries:
        aliases = _aliases(entry)
        domains = tuple(str(d).casefold().removeprefix("www.") for d in entry.get("domains", []))
        outlet = Outlet(entry["name"], aliases, entry.get("kind"), entry.get("url"), entry.line, domains)
        _register(outlet.name, aliases, registry.outlets, outlet, registry.outlet_alias, fold,
                  outlets_path, entry, problems)
        bad = [d for d in domains if not DOMAIN.match(d)]
        if bad:
            problems.append(Problem(outlets_path, entry.line_of("domains"),
                                    f"{bad[0]!r} is not a web domain (write it like news.cn)"))
        _claim(outlet.name, domains, registry.outlet_domain, "domain", outlets_path, entry.line_of("domains"),
               problems)
    glossary_path = content / "glossary.yml"
    for entry in _load_entries(glossary_path, root, TERM_KEYS, problems, "term", required=False):
        if "expansion" not in entry:
            problems.append(Problem(display_path(glossary_path, root), entry.line, "entry has no `expansion`"))
        elif entry["term"] in registry.glossary:
            problems.append(Problem(display_path(glossary_path, root), entry.line,
                                    f"duplicate term {shown(entry['term'])}"))
        else:
            registry.glossary[entry["term"]] = Term(entry["term"], entry["expansion"], entry.get("description"),
                                                    entry.line)
    topics_path = content / "topics.yml"
    for entry in _load_entries(topics_path, root, TOPIC_KEYS, problems, "name", required=False):
        if entry["name"] in registry.topics:
            problems.append(Problem(display_path(topics_path, root), entry.line,
                                    f"duplicate topic {shown(entry['name'])}"))
            continue
        keywords = tuple(str(k) for k in entry.get("keywords", [])) or (entry["name"],)
        registry.topics[entry["name"]] = Topic(entry["name"], keywords, entry.get("description"), entry.line)
    return registry


def _register(name: str, aliases: tuple[str, ...], by_name: dict[str, Any], record: Any,
              alias_map: dict[str, str], key: Callable[[str], str], path: str, entry: LineDict,
              problems: Problems) -> None:
    """Add one person or outlet; an alias that already names someone else is a problem at its line."""
    if name in by_name:
        problems.append(Problem(path, entry.line,
                                f"duplicate entry {shown(name)} (first at line {by_name[name].line})"))
        return
    by_name[name] = record
    for alias in aliases:
        other = alias_map.get(key(alias))
        if other is not None and other != name:
            problems.append(Problem(path, entry.line_of("aliases"),
                                    f"alias {shown(alias)} of {shown(name)} is already an alias of {shown(other)}"))
            continue
        alias_map[key(alias)] = name


DOMAIN = re.compile(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)+$")


def _claim(name: str, keys: tuple[str, ...], owner: dict[str, str], what: str, path: str, line: int,
           problems: Problems) -> None:
    """Give each key (a role alias, a domain) to `name`; one already given to someone else is a problem."""
    for key in keys:
        other = owner.get(key)
        if other is not None and other != name:
            problems.append(Problem(path, line, f"{what} {key!r} of {name!r} is already one of {other!r}"))
            continue
        owner[key] = name


def _aliases(entry: LineDict) -> tuple[str, ...]:
    aliases = [entry["name"], *[str(a) for a in entry.get("aliases", [])]]
    return tuple(dict.fromkeys(" ".join(a.split()) for a in aliases))


def _load_entries(path: Path, root: Path, keys: dict[str, type], problems: Problems,
                  name_key: str = "name", required: bool = True) -> list[LineDict]:
    display = display_path(path, root)
    if not path.exists():
        if required:
            problems.append(Problem(display, 0, "registry file is missing"))
        return []
    try:
        data = load_yaml(path, display)
    except YamlError as exc:
        problems.append(exc.problem)
        return []
    if data is None:
        return []
    if not isinstance(data, list):
        problems.append(Problem(display, 1, "expected a list of entries (`- name: …`)"))
        return []
    entries = []
    for item in data:
        if not isinstance(item, LineDict):
            problems.append(Problem(display, 0, f"expected an entry with `{name_key}:`, found {shown(item)}"))
            continue
        ok = check_keys(item, keys, display, problems)
        for key, value in item.items():
            if isinstance(value, str) and not value.strip():
                problems.append(Problem(display, item.line_of(key), f"{key!r} is empty"))
                ok = False
            elif isinstance(value, list) and not all(isinstance(v, str) and v.strip() for v in value):
                problems.append(Problem(display, item.line_of(key), f"{key!r} must list non-empty names as text"))
                ok = False
        if name_key not in item:
            problems.append(Problem(display, item.line, f"entry has no `{name_key}`"))
            ok = False
        if ok:
            entries.append(item)
    return entries
