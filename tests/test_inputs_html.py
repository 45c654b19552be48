"""Saved HTML pages: trafilatura's main text and metadata, our cues on the extracted text, the pages audit."""

from __future__ import annotations

import datetime as dt
import gzip

from inputs_pages import LIBRARY, ORCHARD, RIVER, article_html, build, by_title


def test_html_pages_build_into_articles_with_their_metadata(tmp_path):
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "flood.html").write_text(article_html(
        "Flood barrier holds through third storm", RIVER, canonical="https://courier.example/flood",
        modified="2024-03-09", keywords="floods, valley"), encoding="utf-8")
    (folder / "frost.htm.gz").write_bytes(gzip.compress(article_html(
        "Late frost hits northern orchards", ORCHARD, author="Tom Hale", date="2023-10-02", site="Growers Weekly").encode()))
    (folder / "bibliothek.html").write_bytes(article_html(
        "Stadtbibliothek öffnet wieder", LIBRARY, lang="de", site="Stadtanzeiger", meta_charset="windows-1252",
        author="Jonas Weber").encode("cp1252"))
    files, articles, pages = build(folder, tmp_path / "out")
    found = by_title(articles)
    river = found["Flood barrier holds through third storm"]
    assert river["text"] == "\n\n".join(RIVER)                  # paragraphs separated by a blank line
    assert river["authors"] == ["Maria Lind"] and river["outlet"] == "Valley Courier"
    assert river["outlet_evidence"] == "site_name" and river["language"] == "en"
    assert river["published_date"] == dt.date(2024, 3, 4)
    assert river["modified_date"] == dt.date(2024, 3, 9)   # htmldate: original and updated apart
    assert river["provenance"][0]["url"] == "https://courier.example/flood" and "https://courier.example/flood" in river["urls"]
    assert river["tags"] == ["floods", "valley"]
    assert river["provenance"][0]["fetch_date"] is None and river["provenance"][0]["warc_record_id"] is None
    assert found["Late frost hits northern orchards"]["text"] == "\n\n".join(ORCHARD)
    library = found["Stadtbibliothek öffnet wieder"]
    assert library["text"] == "\n\n".join(LIBRARY) and library["language"] == "de"
    assert files["saved/bibliothek.html"]["encoding"] == "cp1252" and files["saved/bibliothek.html"]["status"] == "read"
    assert all(f["input_kind"] == "html" and f["n_articles"] == 1 for f in files.values())
    page = next(p for p in pages if p["source_file"] == "saved/flood.html")
    assert page["input_kind"] == "html" and page["url"] == "https://courier.example/flood"
    assert page["extraction"].startswith("trafilatura ") and "htmldate" in page["extraction"]
    assert "<p>" not in page["text"] and page["text"].startswith("Flood barrier holds through third storm\n\n")
    raw = (folder / "flood.html").read_bytes()
    import hashlib
    assert page["sha256"] == hashlib.sha256(raw).hexdigest() and page["n_bytes"] == len(raw)
    covered = [n for s in page["spans"] for n in range(s["line_start"], s["line_end"] + 1)]
    assert covered == list(range(1, page["n_lines"] + 1))      # every line of the page audit in one span
    assert [s["role"] for s in page["spans"]][:1] == ["title"]
    from corpus_pkg.validate import validate

    assert validate(tmp_path / "out") == []


def test_a_printed_source_line_names_the_outlet_and_the_site_becomes_the_host(tmp_path):
    folder = tmp_path / "saved"
    folder.mkdir()
    paragraphs = RIVER + ["Source: Example Daily News"]
    (folder / "repost.html").write_text(article_html("Flood barrier holds through third storm", paragraphs,
                                                     site="Aggregator Hub"), encoding="utf-8")
    _, (article,), _ = build(folder, tmp_path / "out")
    assert article["outlet"] == "Example Daily News" and article["outlet_evidence"] == "source_line"
    assert article["host_site"] == "Aggregator Hub"


def test_a_reposters_preface_is_its_own_unit(tmp_path):
    folder = tmp_path / "saved"
    folder.mkdir()
    paragraphs = ["Editor's note — 3 May 2021",
                  "We republish the following report because it shows how the flood story was covered. " + ORCHARD[0],
                  "Flood barrier holds through third storm", "Maria Okafor — Example Daily News May 1, 2021", *RIVER]
    (folder / "repost.html").write_text(article_html("Flood barrier holds through third storm", paragraphs,
                                                     site="Aggregator Hub", author=None), encoding="utf-8")
    _, articles, _ = build(folder, tmp_path / "out")
    kinds = {a["kind"]: a for a in articles}
    assert set(kinds) == {"preface", "article"}
    assert "We republish" in kinds["preface"]["text"] and "We republish" not in kinds["article"]["text"]
    assert RIVER[0] in kinds["article"]["text"] and kinds["article"]["outlet"] == "Example Daily News"


def test_an_html_page_saved_as_txt_is_read_as_html(tmp_path):
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "river.txt").write_text("\ufeff\n  " + article_html("River levels fall after the storm", RIVER),
                                      encoding="utf-8")
    (folder / "plain.txt").write_text("Orchard harvest begins early\n\n" + "\n\n".join(ORCHARD) + "\n", encoding="utf-8")
    files, articles, _ = build(folder, tmp_path / "out")
    assert files["saved/river.txt"]["input_kind"] == "html" and files["saved/plain.txt"]["input_kind"] != "html"
    river = by_title(articles)["River levels fall after the storm"]
    assert river["authors"] == ["Maria Lind"] and "<" not in river["text"] and river["text"].startswith(RIVER[0][:30])


def test_a_byline_printed_outside_the_main_text_gives_the_authors_when_the_metadata_has_none(tmp_path):
    """trafilatura's precise setting leaves a byline `<div>` next to the headline out of the main text and takes
    authors only from metadata; the text path's byline cues read the printed line instead, in the page's language."""
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "flood.html").write_text(article_html(
        "Flood barrier holds through third storm", RIVER, author=None,
        before='<div class="meta"><span>By Maria Lind and Tom Hale</span> <time>March 4, 2024</time></div>'),
        encoding="utf-8")
    (folder / "bibliothek.html").write_text(article_html(
        "Stadtbibliothek öffnet wieder", LIBRARY, author=None, lang="de", site="Stadtanzeiger",
        before='<div class="autor">Von Jonas Weber</div>'), encoding="utf-8")
    (folder / "frost.html").write_text(article_html(            # a printed line that is not a byline
        "Late frost hits northern orchards", ORCHARD, author=None, before="<div>By the way, subscribe today</div>"),
        encoding="utf-8")
    files, articles, pages = build(folder, tmp_path / "out")
    found = by_title(articles)
    river = found["Flood barrier holds through third storm"]
    assert river["authors"] == ["Maria Lind", "Tom Hale"]
    assert river["byline"] == "By Maria Lind and Tom Hale March 4, 2024"       # the line as printed
    assert river["text"] == "\n\n".join(RIVER)                                  # the byline is not body text
    library = found["Stadtbibliothek öffnet wieder"]
    assert library["authors"] == ["Jonas Weber"] and library["byline"] == "Von Jonas Weber"
    frost = found["Late frost hits northern orchards"]
    assert frost["authors"] == [] and frost["byline"] is None
    extraction = {p["source_file"]: p["extraction"] for p in pages}
    assert "authors from the byline printed outside the main text (/html/body/main/article/div[1]): " \
           "'By Maria Lind and Tom Hale March 4, 2024'" in extraction["saved/flood.html"]
    assert "authors from the byline" not in extraction["saved/frost.html"]


def test_metadata_authors_win_over_a_printed_byline_and_the_headline_is_not_body_text(tmp_path):
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "flood.html").write_text(article_html(
        "Flood barrier holds through third storm", RIVER, author="Maria Lind",
        before='<div class="meta">By Someone Else</div>'), encoding="utf-8")
    _, (article,), (page,) = build(folder, tmp_path / "out")
    assert article["authors"] == ["Maria Lind"] and "authors from the byline" not in page["extraction"]


def test_a_headline_the_extractor_keeps_in_the_main_text_is_the_title_not_the_first_paragraph(tmp_path):
    folder = tmp_path / "saved"
    folder.mkdir()
    paragraphs = "".join(f"<p>{p}</p>" for p in ORCHARD)
    (folder / "frost.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Late frost hits northern orchards</title>'
        f'</head><body><article><h1>Late frost hits northern orchards</h1>{paragraphs}</article></body></html>',
        encoding="utf-8")
    _, (article,), (page,) = build(folder, tmp_path / "out")
    assert article["title"] == "Late frost hits northern orchards" and article["text"] == "\n\n".join(ORCHARD)
    assert page["text"].count("Late frost hits northern orchards") == 1


def test_replacement_characters_already_in_a_page_are_reported_not_silent(tmp_path):
    folder = tmp_path / "saved"
    folder.mkdir()
    damaged = [RIVER[0].replace("valley", "vall\ufffd\ufffd")] + RIVER[1:]
    (folder / "flood.html").write_text(article_html("Flood barrier holds through third storm", damaged),
                                       encoding="utf-8")
    files, (article,), _ = build(folder, tmp_path / "out")
    assert "vall\ufffd\ufffd" in article["text"]                       # kept as the page prints it
    assert any("2 U+FFFD replacement character(s)" in w for w in files["saved/flood.html"]["warnings"])


def test_a_byline_the_main_text_keeps_is_the_byline_not_body_text(tmp_path):
    """trafilatura keeps a byline printed as a paragraph in the main text: our cues read it, and the line goes to
    the byline (role `byline` in the pages audit), not to the article's text."""
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "frost.html").write_text(article_html(
        "Late frost hits northern orchards", ["By Tom Hale and Ines Roy"] + ORCHARD, author=None), encoding="utf-8")
    _, (article,), (page,) = build(folder, tmp_path / "out")
    assert article["authors"] == ["Tom Hale", "Ines Roy"] and article["byline"] == "By Tom Hale and Ines Roy"
    assert article["text"] == "\n\n".join(ORCHARD)
    lines = page["text"].split("\n")
    (span,) = [s for s in page["spans"] if s["role"] == "byline"]
    assert lines[span["line_start"] - 1] == "By Tom Hale and Ines Roy" and span["article_id"] == article["id"]


def test_a_chinese_or_japanese_page_is_counted_a_word_a_character_and_its_dateline_read(tmp_path):
    """A main text in Chinese or Japanese has few spaces: its length is counted as the text's body is (a word a
    Han or kana character), so an article is found; the agency and the reporter of its opening dateline are read."""
    zh = ["新华社北京3月5日电（记者 张三）国家统计局5日发布数据显示，今年前两个月全国规模以上工业增加值同比增长，增速比去年全年加快。",
          "国家统计局有关负责人表示，下一步将继续加强监测分析，推动经济持续回升向好。多位专家认为，相关政策效果正在逐步显现。"]
    ja = ["【ニューヨーク共同】米国の金融当局は5日、政策金利を据え置くと発表した。市場では年内の利下げ観測が強まっている。",
          "当局者は記者会見で、労働市場の底堅さを指摘しつつも、景気の先行きには慎重な見方を示した。発表を受けて株価は小幅に上昇した。"]
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "zh.html").write_text(article_html("前两月工业增加值同比增长", zh, author=None, site=None, lang="zh"), encoding="utf-8")
    (folder / "ja.html").write_text(article_html("米金融当局、政策金利を据え置き", ja, author=None, site=None, lang="ja"),
                                    encoding="utf-8")
    _, articles, _ = build(folder, tmp_path / "out")
    found = by_title(articles)
    assert (found["前两月工业增加值同比增长"]["authors"], found["前两月工业增加值同比增长"]["outlet"]) == (["张三"], "新华社")
    assert found["米金融当局、政策金利を据え置き"]["outlet"] == "共同通信"
    assert found["米金融当局、政策金利を据え置き"]["text"].startswith("【ニューヨーク共同】米国")
