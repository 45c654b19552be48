"""Benchmark of the HTML and WARC inputs against trafilatura alone, and peak memory on a large WARC.

Measured in one run, on the same pages:

1. **HTML pages/s.** Pages written from `generate_corpus.article` (a CMS-like page: head metadata, menu,
   article, related links, footer; ~20 KB each), and the dev pages of `../shared/eval/dev/pages` when present
   (real pages, read there, never copied). Against the reference a user would pick, trafilatura alone
   (`bare_extraction(bytes, with_metadata=True, favor_precision=True)` per page, one process):
   corpus_pkg's extraction stage (`inputs.html.extract_html`: the same call plus our decoding, one parse, and
   htmldate's updated date) and a whole build of the folder (`corpus-pkg build`, 1 worker: extraction,
   segmentation cues, dedup, Parquet, card).
2. **WARC MB/s.** The generated pages as HTTP responses in a WARC (gzip, with request records); reference:
   warcio's `ArchiveIterator` + trafilatura on every HTML 200 response; ours: a build of a folder holding it.
3. **Peak memory on a large WARC** (`--warc-mb`, default 1024): uncompressed, the generated HTML pages plus
   binary (image) responses of random bytes until the size is reached, as crawls hold them; the build's peak
   RSS (VmHWM of the build process and of each worker), which must not grow with the WARC.

    python benchmarks/bench_inputs.py                       # ~4 minutes on 2 shared cores
    python benchmarks/bench_inputs.py --pages 300 --warc-mb 256 --workers 2
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
DEV = ROOT.parent / "shared" / "eval" / "dev" / "pages"

from bench_build import run_build  # noqa: E402  (peak RSS of a build and its workers, VmHWM)
from generate_corpus import article  # noqa: E402

RELATED = "".join(f'<li><a href="/news/{i}">Other story number {i} in the news today</a></li>' for i in range(12))
SCRIPT = "<script>window.dataLayer=window.dataLayer||[];" + "function t(){return 1};" * 200 + "</script>"


def html_page(a: dict) -> bytes:
    """An article as a news site's CMS serves it."""
    year, month, day = a["date"]
    authors = ", ".join(a["authors"])
    body = "".join(f"<p>{p}</p>" for p in a["paragraphs"])
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{a["title"]} | {a["outlet"]}</title>'
            f'<meta property="og:title" content="{a["title"]}"><meta property="og:site_name" content="{a["outlet"]}">'
            f'<meta name="author" content="{authors}"><meta property="article:published_time" '
            f'content="{year:04d}-{month:02d}-{day:02d}T09:00:00Z"><link rel="canonical" '
            f'href="https://news.example/{a["id"]}">{SCRIPT}</head><body><header><nav><ul><li><a href="/">Home</a></li>'
            f'<li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li></ul></nav></header><main>'
            f'<article><h1>{a["title"]}</h1><p class="byline">By {authors}</p><div class="content">{body}</div>'
            f'</article><aside><h2>Related</h2><ul>{RELATED}</ul></aside></main><footer><p>© {a["outlet"]}</p>'
            f'<a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer></body></html>').encode()


def pages(n: int) -> list[bytes]:
    return [html_page(article(11, k)) for k in range(n)]


def write_warc(path: Path, bodies: list[bytes], pad_to: int = 0, compress: bool = True) -> dict:
    """HTML responses (each after its request record), then image responses of random bytes until the file
    holds `pad_to` bytes. Returns the counts written."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    written = {"html": 0, "image": 0}
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=compress)
        for k, body in enumerate(bodies):
            url = f"https://news.example/{k}"
            request = StatusAndHeaders(f"GET /{k} HTTP/1.1", [("Host", "news.example")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=request))
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http))
            written["html"] += 1
        k = 0
        while out.tell() < pad_to:
            http = StatusAndHeaders("200 OK", [("Content-Type", "image/jpeg")], protocol="HTTP/1.1")
            image = os.urandom(400_000)
            writer.write_record(writer.create_warc_record(f"https://news.example/img/{k}.jpg", "response",
                                                          payload=io.BytesIO(image), http_headers=http))
            written["image"] += 1
            k += 1
    return written


def trafilatura_alone(bodies: list[bytes]) -> float:
    import trafilatura

    started = time.perf_counter()
    for body in bodies:
        trafilatura.bare_extraction(body, with_metadata=True, favor_precision=True)
    return time.perf_counter() - started


def our_extraction(bodies: list[bytes]) -> float:
    from corpus_pkg.inputs.html import extract_html

    started = time.perf_counter()
    for k, body in enumerate(bodies):
        extract_html(body, source_file=str(k))
    return time.perf_counter() - started


def warcio_and_trafilatura(path: Path) -> float:
    import trafilatura
    from warcio.archiveiterator import ArchiveIterator

    started = time.perf_counter()
    with open(path, "rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type == "response" and record.http_headers.get_statuscode() == "200" and \
                    "html" in (record.http_headers.get_header("Content-Type") or ""):
                trafilatura.bare_extraction(record.content_stream().read(), with_metadata=True, favor_precision=True)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=500, help="generated HTML pages (default 500)")
    ap.add_argument("--warc-mb", type=int, default=1024, help="size of the large WARC in MB (default 1024; 0: skip)")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "out" / "bench_inputs.json")
    a = ap.parse_args(argv)
    result: dict = {"pages": a.pages, "workers": a.workers}
    bodies = pages(a.pages)
    result["html_mb"] = round(sum(map(len, bodies)) / 1e6, 2)
    sets = {"generated": bodies}
    if DEV.is_dir():
        sets["dev (real pages)"] = [gzip.decompress(p.read_bytes()) for p in sorted(DEV.glob("*.html.gz"))]
    with tempfile.TemporaryDirectory(prefix="bench_inputs_") as tmp:
        tmp = Path(tmp)
        result["html"] = {}
        trafilatura_alone(bodies[:5]), our_extraction(bodies[:5])     # warm up both: imports, caches
        for name, data in sets.items():
            reference, ours = trafilatura_alone(data), our_extraction(data)
            folder = tmp / f"html_{len(result['html'])}"
            folder.mkdir()
            for k, body in enumerate(data):
                (folder / f"{k:05d}.html").write_bytes(body)
            build = run_build(folder, tmp / "out_html", a.workers)
            result["html"][name] = {
                "pages": len(data), "trafilatura_pages_s": round(len(data) / reference, 1),
                "extract_html_pages_s": round(len(data) / ours, 1), "extract_ratio": round(ours / reference, 2),
                "build_pages_s": round(len(data) / build["seconds"], 1), "build_ratio": round(build["seconds"] / reference, 2),
                "build_peak_rss_mb": build["peak_rss_mb"]}
            if len(data) >= 100:    # the build's cost per page without its fixed start-up: a build of a tenth
                for path in sorted(folder.glob("*.html"))[len(data) // 10:]:
                    path.unlink()
                small = run_build(folder, tmp / "out_html", a.workers)
                marginal = (build["seconds"] - small["seconds"]) / (len(data) - len(data) // 10)
                result["html"][name].update(build_startup_s=round(small["seconds"] - marginal * (len(data) // 10), 1),
                                            build_marginal_pages_s=round(1 / marginal, 1),
                                            build_marginal_ratio=round(marginal * len(data) / reference, 2))
            print(name, json.dumps(result["html"][name]), flush=True)
        folder = tmp / "warc"
        folder.mkdir()
        warc = folder / "crawl.warc.gz"
        write_warc(warc, bodies)
        mb = warc.stat().st_size / 1e6
        reference = warcio_and_trafilatura(warc)
        build = run_build(folder, tmp / "out_warc", a.workers)
        result["warc"] = {"mb": round(mb, 2), "html_records": len(bodies),
                          "warcio_trafilatura_mb_s": round(mb / reference, 3),
                          "build_mb_s": round(mb / build["seconds"], 3), "ratio": round(build["seconds"] / reference, 2),
                          "build_peak_rss_mb": build["peak_rss_mb"]}
        print("warc", json.dumps(result["warc"]), flush=True)
        if a.warc_mb:
            big = tmp / "big"
            big.mkdir()
            started = time.perf_counter()
            written = write_warc(big / "big.warc", bodies, pad_to=a.warc_mb * 10**6, compress=False)
            generated = time.perf_counter() - started
            (folder / "crawl.warc.gz").unlink()
            size = (big / "big.warc").stat().st_size
            build = run_build(big, tmp / "out_big", a.workers)
            result["large_warc"] = {"mb": round(size / 1e6, 1), **{f"{k}_records": v for k, v in written.items()},
                                    "generate_s": round(generated, 1), "build_s": build["seconds"],
                                    "build_mb_s": round(size / 1e6 / build["seconds"], 2),
                                    "peak_rss_mb": build["peak_rss_mb"], "peak_rss_main_mb": build["peak_rss_main_mb"],
                                    "peak_rss_worker_mb": build["peak_rss_worker_mb"], "articles": build["articles"]}
            print("large warc", json.dumps(result["large_warc"]), flush=True)
    a.json.parent.mkdir(parents=True, exist_ok=True)
    a.json.write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
