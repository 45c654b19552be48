"""Scrapers' records read by record layouts (data: inputs/record_layouts.toml, extended by [inputs.layouts]):
each tool recognised by its own keys, the layout named in the file's report, keys no field read warned about,
and author fields read with the byline prefixes of whatever language opens them."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from corpus_pkg.config import BuildConfig, ConfigError
from corpus_pkg.inputs.layouts import builtin_layouts, recognise
from inputs_pages import LIBRARY, ORCHARD, RIVER, build, by_title

RIVER_TITLE, ORCHARD_TITLE, LIBRARY_TITLE = ("Flood barrier holds through third storm",
                                             "Late frost hits northern orchards", "Stadtbibliothek öffnet wieder")


def write_lines(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


# newspaper3k's Article attributes as a user dumps them (newspaper4k's to_json has the same names)
NEWSPAPER = [
    {"title": RIVER_TITLE, "text": "\n\n".join(RIVER), "authors": ["Maria Lind", "Tom Hale"],
     "publish_date": "2024-03-04 00:00:00", "url": "https://courier.example/flood", "top_image": "https://x/y.jpg",
     "meta_description": "The valley's new embankment passed its hardest test yet.", "meta_site_name": "Valley Courier",
     "meta_lang": "en", "keywords": ["flood"], "summary": "", "movies": [], "section": "Local news"},
    {"title": ORCHARD_TITLE, "text": "\n\n".join(ORCHARD), "authors": ["Por Ana Costa, Lusa"],
     "publish_date": None, "url": "https://growers.example/frost", "top_image": ""},
]


def test_newspaper_records_are_recognised_by_their_keys(tmp_path):
    """Records with `text`, `authors` and `publish_date`, which a text table's layout would not read: the
    newspaper3k layout reads them; the report names it and the keys holding values no field read."""
    folder = tmp_path / "feeds"
    folder.mkdir()
    write_lines(folder / "np.jsonl", NEWSPAPER)
    files, articles, pages = build(folder, tmp_path / "out")
    river = by_title(articles)[RIVER_TITLE]
    assert river["authors"] == ["Maria Lind", "Tom Hale"] and river["published_date"] == dt.date(2024, 3, 4)
    assert river["subtitle"] == "The valley's new embankment passed its hardest test yet."
    assert river["outlet"] == "Valley Courier"
    entry = files["feeds/np.jsonl"]
    assert entry["record_layout"] == "newspaper3k / newspaper4k"
    (warning,) = [w for w in entry["warnings"] if "not read" in w]
    assert "section" in warning and "top_image" not in warning and "keywords" not in warning
    assert all("fields read as newspaper3k / newspaper4k" in p["extraction"] for p in pages)


def test_an_author_field_with_another_languages_byline_prefix(tmp_path):
    """'Por Ana Costa, Lusa' over an English text: the field is a byline, read with Portuguese cues."""
    folder = tmp_path / "feeds"
    folder.mkdir()
    write_lines(folder / "np.jsonl", NEWSPAPER)
    _, articles, _ = build(folder, tmp_path / "out")
    assert by_title(articles)[ORCHARD_TITLE]["authors"] == ["Ana Costa"]


# trafilatura's JSON output as trafilatura.xml.build_json_output writes it
TRAFILATURA = {"title": LIBRARY_TITLE, "author": "Jonas Weber; Eva Kühn", "hostname": "anzeiger.example",
               "date": "2024-01-20", "categories": "", "tags": "Kultur;Stadt", "fingerprint": "abc", "id": None,
               "license": "CC BY-SA 4.0", "comments": "", "raw_text": " ".join(LIBRARY), "text": "\n".join(LIBRARY),
               "language": "de", "image": None, "pagetype": "article", "filedate": "2024-06-01",
               "source": "https://anzeiger.example/bibliothek", "source-hostname": "Stadtanzeiger",
               "excerpt": "Zwei Jahre Umbau, ein neuer Lesesaal am Fluss."}


def test_trafilatura_json_as_trafilatura_writes_it(tmp_path):
    """The site name is `source-hostname` (the domain is `hostname`), tags are joined with ';', the excerpt is
    the standfirst; a licence the record states is named as a key no field read."""
    folder = tmp_path / "feeds"
    folder.mkdir()
    write_lines(folder / "t.jsonl", [TRAFILATURA])
    files, (library,), _ = build(folder, tmp_path / "out")
    assert library["outlet"] == "Stadtanzeiger" and library["tags"] == ["Kultur", "Stadt"]
    assert library["subtitle"] == "Zwei Jahre Umbau, ein neuer Lesesaal am Fluss."
    entry = files["feeds/t.jsonl"]
    assert entry["record_layout"] == "trafilatura JSON"
    (warning,) = entry["warnings"]
    assert "license" in warning and "fingerprint" not in warning and "filedate" not in warning


def test_news_please_none_dates_are_empty_and_its_modify_date_is_read(tmp_path):
    """news-please writes a missing date as the string 'None': no date, and no warning about an unread date."""
    folder = tmp_path / "feeds"
    folder.mkdir()
    write_lines(folder / "np.jsonl", [
        {"title": RIVER_TITLE, "maintext": "\n".join(RIVER), "date_publish": "2024-03-04 08:00:00",
         "date_modify": "2024-03-06 09:00:00", "date_download": "None", "source_domain": "courier.example",
         "url": "https://courier.example/flood", "authors": [], "language": "en", "filename": "x.json",
         "localpath": None, "image_url": "https://courier.example/a.jpg", "title_page": None, "title_rss": None,
         "description": "None", "text": None}])
    files, (river,), _ = build(folder, tmp_path / "out")
    assert river["modified_date"] == dt.date(2024, 3, 6) and river["subtitle"] is None
    assert river["provenance"][0]["fetch_date"] is None
    entry = files["feeds/np.jsonl"]
    assert entry["record_layout"] == "news-please" and entry["warnings"] == []


def test_a_users_layout_in_the_build_config(tmp_path):
    """A tool the built-in layouts do not know, described in the build config's [inputs.layouts]."""
    folder = tmp_path / "feeds"
    folder.mkdir()
    write_lines(folder / "crawl.jsonl", [{"story": "\n\n".join(RIVER), "heading": RIVER_TITLE, "writer": "Maria Lind",
                                          "crawler_version": "3.1", "posted": "2024-03-04"}])
    config = tmp_path / "build.toml"
    config.write_text('[inputs.layouts.mycrawler]\ntool = "my crawler"\nmarks = ["crawler_version"]\n'
                      'not_read = ["crawler_version"]\n'
                      '[inputs.layouts.mycrawler.fields]\ntext = ["story"]\ntitle = ["heading"]\nauthors = ["writer"]\n'
                      'date = ["posted"]\n', encoding="utf-8")
    files, (river,), _ = build(folder, tmp_path / "out", "--config", str(config))
    assert river["title"] == RIVER_TITLE and river["authors"] == ["Maria Lind"]
    assert river["published_date"] == dt.date(2024, 3, 4)
    assert files["feeds/crawl.jsonl"]["record_layout"] == "my crawler"
    assert files["feeds/crawl.jsonl"]["warnings"] == []


@pytest.mark.parametrize("table, message", [
    ('[inputs.layouts.x]\nmarks = ["a"]\n[inputs.layouts.x.fields]\ntitle = ["t"]\n', "text key"),
    ('[inputs.layouts.x]\n[inputs.layouts.x.fields]\ntext = ["t"]\nbody = ["b"]\n', "unknown field 'body'"),
    ('[inputs.layouts.x]\nsplit = { title = ";" }\n[inputs.layouts.x.fields]\ntext = ["t"]\n', "split applies"),
])
def test_a_bad_layout_is_a_one_line_config_error(tmp_path, table, message):
    config = tmp_path / "build.toml"
    config.write_text(table, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        BuildConfig.load(config)
    assert message in str(error.value) and "\n" not in str(error.value)


def test_the_tool_with_the_most_marks_wins():
    """A record with `text` and keys of several tools is read as the tool whose own keys it has most of; a
    record with none of any tool's keys is a text table."""
    layouts = builtin_layouts()
    assert recognise({"text": "x", "raw_text": "x", "source-hostname": "S", "excerpt": "e", "url": "u"},
                     layouts)[0] == "trafilatura"
    assert recognise({"text": "x", "publish_date": "d", "top_image": "i"}, layouts)[0] == "newspaper"
    assert recognise({"text": "x", "url": "u"}, layouts)[0] == "text-table"
    assert recognise({"body": "x"}, layouts)[0] == "text-table"
    assert recognise({"story_html": "x"}, layouts) is None


def test_a_field_mapping_reads_the_files_it_fits_and_leaves_recognised_files_to_their_layout(tmp_path):
    """A folder of several scrapers' files: `[inputs.fields]` written for a spider's own keys reads that spider's
    file, and a newspaper3k file beside it is still read with its own layout (the mapping's text key is not in
    its records), not dropped record by record as 'no text'."""
    folder = tmp_path / "scrape"
    folder.mkdir()
    write_lines(folder / "np.jsonl", NEWSPAPER)
    write_lines(folder / "spider.jsonl", [{"headline": LIBRARY_TITLE, "body": "\n\n".join(LIBRARY),
                                           "link": "https://stadt.example/bibliothek"}])
    config = tmp_path / "build.toml"
    config.write_text('[inputs.fields]\ntext = "body"\ntitle = "headline"\nurl = "link"\n', encoding="utf-8")
    files, articles, _ = build(folder, tmp_path / "out", "--config", str(config))
    assert set(by_title(articles)) == {RIVER_TITLE, ORCHARD_TITLE, LIBRARY_TITLE}
    assert files["scrape/np.jsonl"]["record_layout"] == "newspaper3k / newspaper4k"
    assert files["scrape/spider.jsonl"]["record_layout"] == "the build config's [inputs.fields]"


def test_a_spiders_list_fields_are_read_paragraphs_and_first_item(tmp_path):
    """Scrapy items keep `getall()` lists: the body as a list of paragraphs, the headline as a one-item list."""
    folder = tmp_path / "scrape"
    folder.mkdir()
    write_lines(folder / "items.jsonl", [{"headline": ["", RIVER_TITLE], "body": RIVER, "link": ["https://v.example/f"]}])
    config = tmp_path / "build.toml"
    config.write_text('[inputs.fields]\ntext = "body"\ntitle = "headline"\nurl = "link"\n', encoding="utf-8")
    _, articles, _ = build(folder, tmp_path / "out", "--config", str(config))
    (article,) = articles
    assert article["title"] == RIVER_TITLE and article["text"] == "\n\n".join(RIVER)
    assert article["provenance"][0]["url"] == "https://v.example/f"


def test_newsapi_records_lose_the_cut_mark_and_the_source_name_in_the_title(tmp_path):
    """NewsAPI cuts `content` at 200 characters, ending it '… [+1834 chars]', and ends every title with
    ' - <source.name>': the text is marked truncated without the mark, and the title is the headline."""
    folder = tmp_path / "feeds"
    folder.mkdir()
    write_lines(folder / "newsapi.jsonl", [{
        "source": {"id": None, "name": "Valley Courier"}, "author": "Maria Lind", "title": f"{RIVER_TITLE} - Valley Courier",
        "description": "The embankment held.", "url": "https://courier.example/flood", "urlToImage": None,
        "publishedAt": "2024-03-04T08:00:00Z", "content": RIVER[0][:190] + "… [+1834 chars]"}])
    _, (article,), _ = build(folder, tmp_path / "out")
    assert article["title"] == RIVER_TITLE and article["truncated"] is True
    assert article["text"] == RIVER[0][:190] and "chars]" not in article["text"]


def test_a_hosts_www_is_not_part_of_the_outlet(tmp_path):
    """news-please's `source_domain` is the host ('www.gazeta.example'): the outlet is its domain, as a URL's
    domain is given, while a name spelled as a domain keeps its case ('Salon.com')."""
    folder = tmp_path / "feeds"
    folder.mkdir()
    write_lines(folder / "np.jsonl", [
        {"title": RIVER_TITLE, "maintext": "\n\n".join(RIVER), "authors": [], "date_publish": "2024-03-04 08:00:00",
         "source_domain": "www.gazeta.example", "url": "https://www.gazeta.example/flood", "language": "en"},
        {"title": ORCHARD_TITLE, "maintext": "\n\n".join(ORCHARD), "authors": [], "date_publish": None,
         "source_domain": "Growers.example", "url": "https://growers.example/frost", "language": "en"}])
    _, articles, _ = build(folder, tmp_path / "out")
    outlets = {a["title"]: a["outlet"] for a in articles}
    assert outlets == {RIVER_TITLE: "gazeta.example", ORCHARD_TITLE: "Growers.example"}
