"""Crawlers' own files and marks, read from data (`inputs/crawlers.toml`).

A crawler writes more than the pages it saves: HTTrack keeps `hts-log.txt` and an `hts-cache/` folder in its
project folder and writes its own index page (a 'Page has moved' stub) at the top; wget saves a site's
`robots.txt` and FTP `.listing` files. None of them is a page: `artefact_reason` names the reason for a path,
`generated_page_reason` for a page's text. HTTrack also writes where and when it fetched each page it mirrored
into a comment (`<!-- Mirrored from URL by HTTrack Website Copier/3.x [XR&CO'2014], Tue, 05 Sep 2023 10:00:04
GMT -->`): `mirror_comment` reads it (the date with the standard library's RFC 2822 parser,
`email.utils.parsedate_to_datetime`, which reads HTTP's RFC 1123 dates).
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from functools import cache
from importlib import resources
from pathlib import PurePosixPath

#: the start and end of a page searched for a crawler's comment (HTTrack writes it first and last)
COMMENT_SEARCH_CHARS = 4096


@dataclass(frozen=True)
class CrawlerData:
    """`crawlers.toml` read: file names and folder names (case-folded) with their reasons, generated-page
    markers, and the compiled mirror comments."""

    names: dict[str, str]
    folders: dict[str, str]
    generated: tuple[tuple[str, str, str], ...]          # (marker, mirrored_marker, reason)
    comments: tuple[tuple[re.Pattern, str], ...]         # (pattern, crawler)


@cache
def crawler_data() -> CrawlerData:
    """The built-in crawler data (`corpus_pkg/inputs/crawlers.toml`)."""
    data = tomllib.loads((resources.files("corpus_pkg") / "inputs" / "crawlers.toml").read_text(encoding="utf-8"))
    names, folders = {}, {}
    for entry in data.get("artefact", []):
        names.update({name.casefold(): entry["reason"] for name in entry.get("names", [])})
        folders.update({name.casefold(): entry["reason"] for name in entry.get("folders", [])})
    generated = tuple((e["marker"], e.get("mirrored_marker", ""), e["reason"]) for e in data.get("generated_page", []))
    comments = tuple((re.compile(e["pattern"]), e["crawler"]) for e in data.get("mirror_comment", []))
    return CrawlerData(names, folders, generated, comments)


def artefact_reason(relative: str) -> str | None:
    """Why the file at `relative` (its POSIX path below the input folder) is a crawler's own file, not a page;
    None when it is not one."""
    data = crawler_data()
    parts = [part.casefold() for part in PurePosixPath(relative).parts]
    if not parts:
        return None
    folder = next((data.folders[p] for p in parts[:-1] if p in data.folders), None)
    return folder or data.names.get(parts[-1])


def generated_page_reason(text: str) -> str | None:
    """Why an HTML page's text (decoded) is a page a crawler wrote itself; None when it is not one."""
    head, tail = text[:COMMENT_SEARCH_CHARS], text[-COMMENT_SEARCH_CHARS:]
    for marker, mirrored, reason in crawler_data().generated:
        if (marker in head or marker in tail) and not (mirrored and (mirrored in head or mirrored in tail)):
            return reason
    return None


def mirror_comment(text: str) -> tuple[str, dt.datetime | None, str] | None:
    """(URL, fetch date in UTC or None, crawler) from the comment a crawler wrote into a page it mirrored (at
    its start or end); None when there is none. A URL written without its scheme is an http URL (HTTrack
    leaves out `http://` only)."""
    for pattern, crawler in crawler_data().comments:
        found = pattern.search(text[:COMMENT_SEARCH_CHARS]) or pattern.search(text[-COMMENT_SEARCH_CHARS:])
        if found is None:
            continue
        url = found["url"] if "://" in found["url"] else "http://" + found["url"]
        try:
            date = parsedate_to_datetime(found["date"])
            date = date.astimezone(dt.timezone.utc) if date.tzinfo else date.replace(tzinfo=dt.timezone.utc)
        except (TypeError, ValueError):
            date = None
        return url, date, crawler
    return None


#: a folder named like a host ('www.example.com', 'example.co.uk:8080'): wget and HTTrack save a site's pages
#: under such a folder, in the folders of their URL's path
HOST_FOLDER = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}(?::\d{1,5})?", re.I)
#: last parts of a folder name that are file suffixes, not top-level domains ('pages.html', 'dump.json')
NOT_DOMAINS = frozenset({"html", "htm", "txt", "md", "json", "jsonl", "warc", "gz", "zip", "xml", "php", "asp",
                         "aspx", "jsp", "cgi", "pdf"})


def mirror_path_url(relative: str) -> str | None:
    """The URL a file's place in a mirror gives: 'in/www.example.com/news/a.html' -> 'http://www.example.com/
    news/a.html' (its first folder named like a host, then the rest of its path); None when no folder is."""
    parts = PurePosixPath(relative).parts
    for index, part in enumerate(parts[:-1]):
        if HOST_FOLDER.fullmatch(part) and part.rsplit(":", 1)[0].rsplit(".", 1)[-1].lower() not in NOT_DOMAINS:
            return "http://" + "/".join(parts[index:])
    return None
