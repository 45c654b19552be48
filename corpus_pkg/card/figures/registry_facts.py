"""The figures about the outlets of the data: the registry's documented facts, and the articles they concern."""

from __future__ import annotations

import re
from collections.abc import Callable

from ...rights import RESTRICTED
from .data import BuildData, counts, md_table, plural, share


def _outlets_in_data(d: BuildData) -> list[dict]:
    """Rows of the outlets table for every outlet or re-poster of the data, most articles first."""
    present = [o for o in d.outlets if o["n_articles"] or o["n_hosted_copies"]]
    return sorted(present, key=lambda o: (-o["n_articles"], -o["n_hosted_copies"], o["name"]))


def _link(value: str) -> str:
    """A web address as a Markdown link (so it is one on the Hub); anything else as it is."""
    return f"<{value}>" if re.match(r"^https?://\S+$", value) else value


def render_value(value) -> str:
    """Any field of a registry entry, rendered generically: lists joined, structs (dicts or pydantic models)
    as `key: value` pairs, web addresses as links."""
    if hasattr(value, "model_dump"):
        value = value.model_dump()
    if isinstance(value, dict):
        return ", ".join(f"{k.replace('_', ' ')}: {render_value(v)}" for k, v in value.items() if v not in (None, "", []))
    if isinstance(value, list):
        return "; ".join(render_value(v) for v in value)
    return _link(str(value))


def _sources(item: dict) -> str:
    """A fact's or rating's citations (already formatted by `registry.cite`) and any doubt recorded about it."""
    uncertain = f" **[uncertain: {item['uncertain']}]**" if item.get("uncertain") else ""
    return f" Sources: {'; '.join(item['sources'])}.{uncertain}"


def _dated(date: str, by_retrieval: bool, prefix: str = "") -> str:
    """A fact's or rating's date; an undated source's says when it was read."""
    return f"undated; as read on {date}" if by_retrieval else prefix + date


def outlet_facts(d: BuildData) -> str:
    """The documented facts and ratings of each outlet in the data, every field each has, with its sources."""
    parts = []
    for o in _outlets_in_data(d):
        parts.append(f"#### {o['name']}\n\n")
        parts.append(f"Outlet-level facts. In this build, {plural(o['n_articles'], 'article')} "
                     f"{'names' if o['n_articles'] == 1 else 'name'} it as their outlet and "
                     f"{plural(o['n_hosted_copies'], 'copy', 'copies')} "
                     f"{'was' if o['n_hosted_copies'] == 1 else 'were'} found on pages it re-posted."
                     + (f" Domains: {', '.join(o['domains'])}." if o["domains"] else "") + "\n\n")
        if not o["in_registry"]:
            parts.append("No documented facts: the outlet registry has no entry for this outlet.\n\n")
            continue
        lines = [f"- **{f['kind'].replace('_', ' ')}** ({_dated(f['date'], f['dated_by_retrieval'])}): {f['statement']}"
                 + _sources(f) for f in o["facts"]]
        lines += [f"- **rating, {r['rater']}** ({_dated(r['as_of'], r['dated_by_retrieval'], 'as of ')}): {r['label']}."
                  + (f" Note: {r['note']}." if r["note"] else "") + _sources(r) for r in o["ratings"]]
        if not o["facts"]:
            lines.append("- No documented facts about ownership, affiliation, sanctions, designations, bans or fines.")
        if not o["ratings"]:
            lines.append("- No documented media-bias rating.")
        parts.append("\n".join(lines) + "\n\n")
    return "".join(parts)


def outlet_exposure(d: BuildData) -> str:
    """How many articles come from outlets with each kind of documented fact (one row per kind the outlets
    of this build have), so a reader sees how the outlet selection leans."""
    kinds_of = {o["name"]: {f["kind"] for f in o["facts"]} for o in d.outlets}
    rated = {o["name"] for o in d.outlets if o["ratings"]}
    per_outlet = counts(d.articles, "outlet")
    n = d.articles.num_rows

    def articles(test: Callable[[str | None], bool]) -> int:
        return sum(k for outlet, k in per_outlet if test(outlet))
    present = sorted({k for o, _ in per_outlet if o for k in kinds_of.get(o, ())})
    rows = [(f"a documented `{kind}` fact", lambda o, kind=kind: kind in kinds_of.get(o, ())) for kind in present]
    rows += [
        ("publisher terms restricting reuse (`rights_status: restricted`)",
         lambda o: any(r["name"] == o and r["rights_status"] == RESTRICTED for r in d.outlets)),
        ("at least one media-bias rating documented", lambda o: o in rated),
        ("outlet named but nothing documented", lambda o: o is not None and not kinds_of.get(o) and o not in rated),
        ("no outlet named by the text", lambda o: o is None),
    ]
    table = [[label, articles(test), share(articles(test), n)] for label, test in rows]
    return md_table(["articles whose outlet has…", "articles", "share"], table)
