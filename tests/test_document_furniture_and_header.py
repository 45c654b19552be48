"""HTML pages and scrapers' records read as text pages are: the site's furniture the extractor keeps inside the
article's container leaves the text, a Chinese or Japanese main text is measured in English-word equivalents, and
the lines printed between the headline and the main text give the byline and the dates. Every page here was
written for these tests, with invented names and outlets.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from inputs_pages import LIBRARY, ORCHARD, RIVER, article_html, build, by_title, write_warc

KO = ["시의회는 화요일 표결에서 항구 동쪽 방파제를 보강하는 공사를 다수결로 승인했다. 공사 구간은 약 2킬로미터이며 내년 봄에 시작된다.",
      "총사업비는 약 380억원으로 추산된다. 해양수산국장은 회의가 끝난 뒤 사업비 대부분을 국비로 충당할 계획이라고 밝혔다.",
      "방파제 인근 어민들은 공사 기간 조업 구역이 줄어드는 것을 우려하고 있다. 시는 다음 달 어민 설명회를 열기로 했다."]
JA = ["町議会は水曜日、老朽化した中央図書館を川沿いの旧倉庫に移す計画を賛成多数で可決した。改修工事は来年の春に始まる見通しだ。",
      "事業費は約十八億円と見込まれている。費用の半分以上は県の補助金で賄われると、教育長が議会の後で記者団に説明した。",
      "利用者の一部からは、駅から遠くなることを心配する声も上がっている。町は夏に住民向けの説明会を開く予定だという。"]
ZH = ["区政府周三宣布，老旧的中心图书馆将迁入河边一座废弃仓库，改造工程预计明年春天开工，工期约为十八个月。",
      "项目总投资估计为一亿二千万元，其中一半以上来自省级财政补贴，教育局局长在会后向记者介绍了资金安排。",
      "部分读者担心新馆离地铁站较远，出行不便。区政府表示将在夏季召开居民说明会，并考虑增开接驳公交线路。"]
ES = ["El consejo comarcal anunció el lunes que la nueva tubería de agua llegará a las aldeas del este antes del "
      "verano, después de dos años de retrasos por falta de fondos y por disputas sobre el trazado de la obra.",
      "Los vecinos de tres aldeas dijeron que ya habían oído esa promesa y preguntaron por qué la zanja lleva meses "
      "vacía mientras la empresa constructora ya ha cobrado la totalidad de la obra.",
      "El consejo publicará el calendario de las obras el mes que viene, junto con el coste final del proyecto."]
TH = ["สภาเมืองลงมติเมื่อวันพุธให้ย้ายห้องสมุดกลางที่ทรุดโทรมไปยังโกดังเก่าริมแม่น้ำ โดยคาดว่างานปรับปรุงจะเริ่มในฤดูใบไม้ผลิปีหน้า",
      "ค่าใช้จ่ายของโครงการคาดว่าจะอยู่ที่ราวหนึ่งร้อยแปดสิบล้านบาท ซึ่งมากกว่าครึ่งหนึ่งมาจากเงินอุดหนุนของจังหวัด ตามที่ผู้อำนวยการกล่าว",
      "ผู้ใช้บริการบางส่วนกังวลว่าห้องสมุดใหม่จะอยู่ไกลจากสถานีรถไฟ เมืองจึงวางแผนจัดประชุมชี้แจงประชาชนในช่วงฤดูร้อน"]


def _page(title: str, lang: str, header: str, paragraphs: list[str], charset: str = "utf-8") -> str:
    """A page of a site printing no author or dates in its metadata, only in the header bar under the headline."""
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="{charset}"><title>{title}</title></head><body>'
            f'<nav><a href="/">Home</a> <a href="/news">News</a></nav><main><article><h1>{title}</h1>{header}'
            f'<div class="article-body">\n{body}</div></article></main></body></html>\n')


def _spans_of(page: dict) -> dict[str, tuple[str, str | None, bool]]:
    """Each line of a page's audit: (role, detail, whether it belongs to an article)."""
    lines = page["text"].split("\n")
    return {lines[n - 1]: (s["role"], s["detail"], s["article_id"] is not None)
            for s in page["spans"] for n in range(s["line_start"], s["line_end"] + 1)}


def test_furniture_inside_the_article_container_is_boilerplate_not_text(tmp_path):
    """An ad label, a 'Read more' link, a newsletter promotion and the site's copyright notice printed between
    and under the paragraphs: trafilatura keeps them in its main text, the text path's furniture rules read them as
    they do on a text page (role boilerplate, their kind as detail), and the text keeps only the paragraphs."""
    folder = tmp_path / "saved"
    folder.mkdir()
    furnished = [RIVER[0], 'Read more: <a href="/news/lock">Lock keepers vote to strike over night shifts</a>', RIVER[1],
                 "Advertisement", RIVER[2], "Sign up for our free evening newsletter to get the valley's news in your "
                 "inbox.", RIVER[3], "© 2024 Valley Courier. All rights reserved. Reproduction without permission "
                 "is prohibited."]
    (folder / "flood.html").write_text(article_html("Flood barrier holds through third storm", furnished),
                                       encoding="utf-8")
    (folder / "agua.html").write_text(article_html(
        "El agua llegará antes del verano", [ES[0], "Publicidad", *ES[1:]], lang="es", site="Diario Comarcal"),
        encoding="utf-8")
    (folder / "pier.html").write_text(article_html(
        "동쪽 방파제 보강 공사 승인", [*KO, "<저작권자 © 예시일보, 무단 전재 및 재배포 금지>"], lang="ko", author=None,
        site="예시일보"), encoding="utf-8")
    # a paragraph that speaks of consent and agreements, and one of advertising, are text
    talk = [ORCHARD[0], "Growers said the buyers had argued that farmers gave their consent to the new contracts, but "
            "even if we accept that a signature is consent, the terms were never open to negotiation, they said.",
            "The cooperative's advertisement in the regional paper drew more than two hundred replies in a week.",
            *ORCHARD[1:]]
    (folder / "talk.html").write_text(article_html("Growers question buyers' contracts", talk), encoding="utf-8")
    _, articles, pages = build(folder, tmp_path / "out")
    found = by_title(articles)
    assert found["Flood barrier holds through third storm"]["text"] == "\n\n".join(RIVER)
    assert found["El agua llegará antes del verano"]["text"] == "\n\n".join(ES)
    assert found["동쪽 방파제 보강 공사 승인"]["text"] == "\n\n".join(KO)
    assert found["Growers question buyers' contracts"]["text"] == "\n\n".join(talk)
    spans = _spans_of(next(p for p in pages if p["source_file"] == "saved/flood.html"))
    assert spans["Read more: Lock keepers vote to strike over night shifts"] == ("boilerplate", "read_more", True)
    assert spans["Advertisement"] == ("boilerplate", "widget", True)
    assert spans[RIVER[1]] == ("body", "main_text", True)
    assert spans["© 2024 Valley Courier. All rights reserved. Reproduction without permission is prohibited."] \
        == ("boilerplate", "site_footer", True)


def test_furniture_in_a_scrapers_record_leaves_its_text(tmp_path):
    """A trafilatura JSON record and a news-please record keep an ad label and a 'Lire aussi' link as lines of
    their text: the same furniture rules apply to them."""
    folder = tmp_path / "feeds"
    folder.mkdir()
    library = {"title": "Stadtbibliothek öffnet wieder", "author": "Jonas Weber", "hostname": "anzeiger.example",
               "date": "2024-01-20", "text": "\n".join([LIBRARY[0], "Anzeige", *LIBRARY[1:]]), "fingerprint": "a",
               "raw_text": "", "source": "https://anzeiger.example/bibliothek", "language": "de"}
    (folder / "trafilatura.json").write_text(json.dumps(library, ensure_ascii=False), encoding="utf-8")
    conduite = ["Le conseil régional a annoncé lundi que la nouvelle conduite d'eau atteindra les villages de l'est "
                "avant l'été, après deux ans de retard dus au manque de fonds et à des querelles sur le tracé.",
                "Lire aussi : Les villages de l'est attendent toujours l'eau courante",
                "Les habitants de trois villages ont dit avoir déjà entendu cette promesse et demandé pourquoi la "
                "tranchée reste vide depuis des mois alors que l'entreprise a déjà été payée."]
    record = {"title": "L'eau arrivera avant l'été", "maintext": "\n".join(conduite), "date_publish": "2024-03-04",
              "source_domain": "gazette.example", "url": "https://gazette.example/eau", "authors": ["Marie Roux"],
              "language": "fr"}
    (folder / "news.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    _, articles, pages = build(folder, tmp_path / "out")
    found = by_title(articles)
    assert found["Stadtbibliothek öffnet wieder"]["text"] == "\n\n".join(LIBRARY)
    assert found["L'eau arrivera avant l'été"]["text"] == "\n\n".join(conduite[::2])
    spans = _spans_of(next(p for p in pages if "trafilatura" in p["source_file"]))
    assert spans["Anzeige"] == ("boilerplate", "advertisement", True)


@pytest.mark.parametrize(("name", "lang", "charset", "title", "paragraphs"), [
    ("ja.html", "ja", "shift_jis", "中央図書館、川沿いの旧倉庫へ移転", JA),
    ("zh.html", "zh-CN", "utf-8", "中心图书馆将迁入河边旧仓库", ZH),
    ("th.html", "th", "utf-8", "ห้องสมุดกลางย้ายไปโกดังริมแม่น้ำ", TH),
])
def test_a_page_in_a_language_written_without_spaces_is_an_article(tmp_path, name, lang, charset, title, paragraphs):
    """The page gate counts a main text in English-word equivalents (`cues.word_equivalents`), as the segmenter
    measures lines: three paragraphs of Japanese, Chinese or Thai are an article, not 'a main text of 3 words'."""
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / name).write_bytes(_page(title, lang, "", paragraphs, charset).encode(charset))
    files, articles, _ = build(folder, tmp_path / "out")
    assert files[f"saved/{name}"]["n_articles"] == 1
    (article,) = articles
    assert article["title"] == title and article["text"] == "\n\n".join(paragraphs)


def test_a_stub_in_a_language_written_without_spaces_is_still_no_article(tmp_path):
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "stub.html").write_text(_page("中心图书馆", "zh-CN", "", ["页面正在建设中，敬请期待。我们将尽快恢复服务，感谢您的耐心。"]), encoding="utf-8")
    (folder / "zh.html").write_text(_page("中心图书馆将迁入河边旧仓库", "zh-CN", "", ZH), encoding="utf-8")
    files, _, _ = build(folder, tmp_path / "out")
    assert files["saved/stub.html"]["n_articles"] == 0 and "English-word equivalents" in " ".join(
        files["saved/stub.html"]["warnings"])


def test_the_header_bar_under_the_headline_gives_the_byline_and_the_dates(tmp_path):
    """The lines between the headline and the main text, which trafilatura leaves out, are read as a text page's
    header: a Korean info bar (EUC-KR) with the reporter and the input and update times, an English update line
    beside a byline naming the declared author, a Chinese source and author line closed by the date, and a byline
    and an update line separated by a `<br>`."""
    folder = tmp_path / "saved"
    folder.mkdir()
    bar = '<div class="info"><span>박지훈 기자</span> <span>입력 2024.04.12 14:30</span> <span>수정 2024.04.13 09:12</span></div>'
    (folder / "pier.html").write_bytes(_page("동쪽 방파제 보강 공사 승인", "ko", bar, KO, "euc-kr").encode("euc-kr"))
    (folder / "flood.html").write_text(article_html(
        "Flood barrier holds through third storm", RIVER, author="Maria Lind", date="2024-03-04",
        before='<div class="meta"><span class="author">By Maria Lind</span></div><div class="upd">Updated March 6, '
               '2024</div>'), encoding="utf-8")
    (folder / "zh.html").write_text(_page("中心图书馆将迁入河边旧仓库", "zh-CN",
                                          '<div class="info">来源：江南晚报 作者：陈静 2024-04-10 09:30</div>', [*ZH, "责任编辑：孙婷"]),
                                    encoding="utf-8")
    (folder / "frost.html").write_text(_page("Late frost hits northern orchards", "en",
                                             '<div class="meta">By Tom Hale<br>Updated 5 March 2024</div>', ORCHARD),
                                       encoding="utf-8")
    _, articles, pages = build(folder, tmp_path / "out")
    found = by_title(articles)
    pier = found["동쪽 방파제 보강 공사 승인"]
    assert pier["authors"] == ["박지훈"] and pier["byline"].startswith("박지훈 기자")
    assert (pier["published_date"], pier["modified_date"]) == (dt.date(2024, 4, 12), dt.date(2024, 4, 13))
    assert pier["text"] == "\n\n".join(KO)
    flood = found["Flood barrier holds through third storm"]
    assert flood["authors"] == ["Maria Lind"] and flood["byline"] == "By Maria Lind"
    assert (flood["published_date"], flood["modified_date"]) == (dt.date(2024, 3, 4), dt.date(2024, 3, 6))
    library = found["中心图书馆将迁入河边旧仓库"]
    assert (library["authors"], library["outlet"], library["outlet_evidence"]) == (["陈静"], "江南晚报", "source_line")
    assert library["published_date"] == dt.date(2024, 4, 10)
    assert library["text"] == "\n\n".join(ZH)            # the editor's credit under the text is no body text
    assert _spans_of(next(p for p in pages if p["source_file"] == "saved/zh.html"))["责任编辑：孙婷"][:2] == \
        ("metadata", "byline_below_text")
    frost = found["Late frost hits northern orchards"]
    assert frost["authors"] == ["Tom Hale"] and frost["byline"] == "By Tom Hale"
    assert frost["modified_date"] == dt.date(2024, 3, 5)
    extraction = next(p for p in pages if p["source_file"] == "saved/frost.html")["extraction"]
    assert "authors from the byline printed outside the main text (/html/body/main/article/div[1]): 'By Tom Hale'" \
        in extraction and "update date 2024-03-05 printed outside the main text" in extraction


def test_a_warc_response_is_read_the_same(tmp_path):
    """A Japanese page fetched into a WARC: an article (word equivalents), its ad label and no-reprint notice
    out of the text, its header bar's reporter and update date read."""
    folder = tmp_path / "crawl"
    folder.mkdir()
    bar = '<div class="byline">山田花子記者</div><div class="date">2024年4月10日 10時00分 更新 2024年4月11日 18時20分</div>'
    page = _page("中央図書館、川沿いの旧倉庫へ移転", "ja", bar, [JA[0], "広告", *JA[1:], "無断転載を禁じます。"])
    write_warc(folder / "crawl.warc.gz", [{"kind": "response", "url": "https://shinbun.example/library",
                                           "content_type": "text/html; charset=utf-8", "body": page.encode()}])
    _, (article,), _ = build(folder, tmp_path / "out")
    assert article["text"] == "\n\n".join(JA)
    assert article["authors"] == ["山田花子"]
    assert (article["published_date"], article["modified_date"]) == (dt.date(2024, 4, 10), dt.date(2024, 4, 11))


def test_a_bio_of_the_author_closing_the_main_text_is_metadata(tmp_path):
    """'Maria Lind is the Courier's environment correspondent.' under the paragraphs is the author's bio (role
    metadata, author_bio), as under a text page's article; a closing sentence about someone else is text."""
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "flood.html").write_text(article_html(
        "Flood barrier holds through third storm", [*RIVER, "Maria Lind is the Courier's environment correspondent."]),
        encoding="utf-8")
    other = [*ORCHARD, "Tom Hale is the cooperative's secretary."]
    (folder / "frost.html").write_text(article_html("Late frost hits northern orchards", other), encoding="utf-8")
    _, articles, pages = build(folder, tmp_path / "out")
    found = by_title(articles)
    assert found["Flood barrier holds through third storm"]["text"] == "\n\n".join(RIVER)
    assert found["Late frost hits northern orchards"]["text"] == "\n\n".join(other)
    spans = _spans_of(next(p for p in pages if p["source_file"] == "saved/flood.html"))
    assert spans["Maria Lind is the Courier's environment correspondent."] == ("metadata", "author_bio", True)
