"""Pages, WARCs and scraper records written for the input tests (our own text, nothing copied)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pyarrow.parquet as pq

from corpus_pkg.cli import main

RIVER = [
    "The river authority of the valley town said on Tuesday that the new flood barrier had held through the "
    "third storm of the season, and that the houses along the old mill road had stayed dry for the first time.",
    "Engineers had raised the embankment by two metres over the summer, working at night so that the barges "
    "carrying gravel could still pass the lock during the day, the authority's chief engineer told reporters.",
    "Residents who had lost furniture and cars in earlier floods gathered on the bridge to watch the water rise "
    "and fall again, and several of them said they would now repaint the ground floors they had left bare.",
    "The authority will publish the measurements of the storm next month, together with the cost of the works, "
    "which the regional council paid for from a fund set aside after the great flood eleven years ago.",
]
ORCHARD = [
    "Apple growers in the northern hills expect a smaller harvest this autumn after a late frost in April "
    "damaged the blossom on many of the older trees, the growers' cooperative said in its spring report.",
    "Younger orchards planted on the southern slopes escaped the frost, and their owners hope that higher "
    "prices will make up for the lost volume elsewhere, according to the cooperative's secretary.",
    "The cooperative has asked the ministry to extend the insurance scheme for frost damage to small farms, "
    "which at present must pay the full premium even when they share equipment with their neighbours.",
]
LIBRARY = [
    "Die Stadtbibliothek öffnet nach zwei Jahren Umbau wieder ihre Türen, und die Leserinnen und Leser finden "
    "dort nun einen großen Lesesaal mit Blick auf den Fluss sowie eine eigene Etage für Kinder und Jugendliche.",
    "Die Kosten für den Umbau lagen nach Angaben der Stadt etwas unter dem geplanten Betrag, weil ein Teil der "
    "alten Regale wiederverwendet werden konnte und die Arbeiten im Winter schneller vorankamen als erwartet.",
    "Zur Eröffnung am Samstag lädt die Bibliothek zu Lesungen, Führungen und einem Flohmarkt mit ausgemusterten "
    "Büchern ein, dessen Erlös in neue Bücher für die Kinderabteilung fließen soll, wie die Leiterin sagte.",
]


def article_html(title: str, paragraphs: list[str], *, author: str | None = "Maria Lind", date: str | None = "2024-03-04",
                 modified: str | None = None, site: str | None = "Valley Courier", canonical: str | None = None,
                 lang: str = "en", meta_charset: str | None = "utf-8", extra_head: str = "", before: str = "",
                 keywords: str | None = None) -> str:
    """A news page as a CMS writes it: head metadata, a menu, the article, a footer."""
    head = [f'<meta charset="{meta_charset}">' if meta_charset else "", f"<title>{title} | {site or 'News'}</title>",
            f'<meta property="og:title" content="{title}">']
    if site:
        head.append(f'<meta property="og:site_name" content="{site}">')
    if author:
        head.append(f'<meta name="author" content="{author}">')
    if date:
        head.append(f'<meta property="article:published_time" content="{date}T08:00:00+00:00">')
    if modified:
        head.append(f'<meta property="article:modified_time" content="{modified}T17:30:00+00:00">')
    if canonical:
        head.append(f'<link rel="canonical" href="{canonical}">')
    if keywords:
        head.append(f'<meta name="keywords" content="{keywords}">')
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head>{"".join(head)}{extra_head}</head><body>'
            '<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a>'
            '</li></ul></nav><main><article>'
            f'<h1>{title}</h1>{before}<div class="article-body">\n{body}</div></article></main>'
            '<footer><p>© Valley Courier. All rights reserved.</p><a href="/privacy">Privacy</a></footer>'
            "</body></html>\n")


def write_warc(path: Path, records: list[dict], gzip: bool = True) -> None:
    """Write a WARC with warcio. Each record: kind ('response', 'revisit', 'request', 'warcinfo'), url, and
    for responses status, content_type, body (bytes), date."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        for r in records:
            date = {"WARC-Date": r.get("date", "2024-03-05T10:00:00Z")}
            if r["kind"] == "warcinfo":
                record = writer.create_warcinfo_record(path.name, {"software": "test-writer"})
            elif r["kind"] == "request":
                headers = StatusAndHeaders(f"GET {r['url']} HTTP/1.1", [("Host", "example.org")], is_http_request=True)
                record = writer.create_warc_record(r["url"], "request", payload=io.BytesIO(b""), http_headers=headers,
                                                   warc_headers_dict=date)
            elif r["kind"] == "revisit":
                headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
                record = writer.create_revisit_record(r["url"], "sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", r["url"],
                                                      "2024-03-01T10:00:00Z", http_headers=headers)
            else:
                headers = [("Content-Type", r["content_type"])] if r.get("content_type") else []
                headers += [("Location", r["location"])] if r.get("location") else []
                http = StatusAndHeaders(r.get("status", "200 OK"), headers, protocol="HTTP/1.1")
                record = writer.create_warc_record(r["url"], "response", payload=io.BytesIO(r.get("body", b"")),
                                                   http_headers=http, warc_headers_dict=date)
            writer.write_record(record)


def build(folder: Path, out: Path, *extra: str) -> tuple[dict, list[dict], list[dict]]:
    """Build `folder` into `out`: (the report's files by name, the articles, the pages)."""
    assert main(["build", "--input", str(folder), "--output", str(out), "--quiet", *extra]) == 0
    report = json.loads((out / "build-report.json").read_text(encoding="utf-8"))
    articles = [r for f in sorted((out / "data").glob("*.parquet")) for r in pq.read_table(f).to_pylist()]
    pages = [r for f in sorted((out / "pages").glob("*.parquet")) for r in pq.read_table(f).to_pylist()]
    return {f["source_file"]: f for f in report["files"]}, articles, pages


def by_title(articles: list[dict]) -> dict[str, dict]:
    return {a["title"]: a for a in articles}
