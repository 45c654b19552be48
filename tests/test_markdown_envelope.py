"""Markdown written by reader tools and converters: the envelope above the page (YAML/TOML front matter, 'Label:
value' lines) read as metadata with a parser, and the marks the tools add (pandoc attributes and fenced divs,
citation marks and reference lists, excerpt blockquotes) kept out of titles, bylines and text."""

from __future__ import annotations

import datetime as dt

from test_extraction import analyse

from corpus_pkg import cues

# a French and a Portuguese article (other languages and forms than any example page of the kind)
FR = ["La mairie a annoncé jeudi que le vieux marché couvert serait restauré avant l'hiver prochain, après des "
      "années de fuites dans la toiture et de plaintes des commerçants du quartier.",
      "Les travaux coûteront près de deux millions d'euros, financés pour moitié par la région, et les étals "
      "seront déplacés sur la place de l'église pendant toute la durée du chantier."]
PT = ["A câmara municipal anunciou na quinta-feira que o antigo mercado coberto será restaurado antes do próximo "
      "inverno, depois de anos de infiltrações no telhado e de queixas dos comerciantes do bairro.",
      "As obras vão custar cerca de dois milhões de euros, metade pagos pela região, e as bancas passarão para a "
      "praça da igreja durante toda a obra."]
EN = ["The county council said on Monday that the old covered market would be restored before next winter, after "
      "years of leaks in its roof and complaints from the traders who rent its stalls.",
      "The work will cost nearly two million pounds, half of it paid by the region, and the stalls will move to "
      "the church square while the builders are there, the council said."]


def one(text: str):
    page, records = analyse(text)
    assert len(records) == 1, [r.title for r in records]
    return page, records[0]


def roles(page) -> dict[str, tuple[str, str | None]]:
    return {b.text: page.roles[k][:2] for k, b in enumerate(page.blocks) if b.text}


def test_yaml_front_matter_with_block_lists_is_parsed_not_read_line_by_line():
    text = "\n".join(["---", "title: Le marché couvert sera restauré", "authors:", "  - Claire Martin",
                      "  - \"[[Paul Durand]]\"", "source: https://www.journal-exemple.fr/ville/marche",
                      "date: 2024-03-05", "created: 2024-03-09", "tags:", "  - ville", "  - clippings", "---", "",
                      *FR])
    page, r = one(text)
    assert r.text == "\n\n".join(FR)
    assert r.title == "Le marché couvert sera restauré"
    assert r.authors == ["Claire Martin", "Paul Durand"]
    assert r.published_date == dt.date(2024, 3, 5)       # never the clip's 'created:' date
    assert (r.outlet, r.outlet_evidence) == ("journal-exemple.fr", "url")
    assert r.tags == ["ville"]                              # the clipping tool's own tag left out
    assert all(role == ("metadata", "reader_envelope") for line, role in roles(page).items()
               if line not in FR)


def test_obsidian_clip_title_loses_the_site_name_and_created_is_not_the_publication_date():
    text = "\n".join(["---", 'title: "Mercado coberto vai ser restaurado | Jornal Exemplo"',
                      'source: "https://www.jornal-exemplo.pt/cidade/mercado"', "author:", '  - "[[Ana Sousa]]"',
                      "published: 2023-11-20", "created: 2024-01-02", 'description: "As obras começam em março."',
                      "---", "![O mercado](https://www.jornal-exemplo.pt/img/mercado.jpg)", "", *PT])
    page, r = one(text)
    assert (r.title, r.authors, r.published_date) == ("Mercado coberto vai ser restaurado", ["Ana Sousa"],
                                                      dt.date(2023, 11, 20))
    assert "description" not in (r.title or "") and r.text == "\n\n".join(PT)
    assert r.provenance.title_as_printed == "Mercado coberto vai ser restaurado | Jornal Exemplo"


def test_inline_yaml_lists_and_toml_front_matter():
    yaml_page = "\n".join(["---", "title: 'Market to be restored'", 'author: ["Jane Roe", "John Doe"]',
                           "lastmod: 2024-04-02", "pubDate: 2024-03-05T10:15:00+00:00", "---", "", *EN])
    _, r = one(yaml_page)
    assert (r.authors, r.published_date, r.modified_date) == (["Jane Roe", "John Doe"], dt.date(2024, 3, 5),
                                                              dt.date(2024, 4, 2))
    toml_page = "\n".join(["+++", 'title = "Market to be restored"', 'authors = ["Jane Roe"]',
                           "date = 2024-03-05T10:15:00Z", 'site_name = "The Example Courier"', "+++", "", *EN])
    page, r = one(toml_page)
    assert (r.title, r.authors, r.published_date, r.text) == ("Market to be restored", ["Jane Roe"],
                                                              dt.date(2024, 3, 5), "\n\n".join(EN))
    assert (r.outlet, r.outlet_evidence) == ("The Example Courier", "site_name")


def test_front_matter_a_yaml_parser_refuses_is_read_as_key_value_lines():
    # an unquoted colon in a clipped page's title is no YAML; the lines are still the envelope's
    text = "\n".join(["---", "title: Update: market to be restored", "author:", "  - Jane Roe", "date: 2024-03-05",
                      "---", "", *EN])
    page, r = one(text)
    assert (r.title, r.authors, r.published_date, r.text) == ("Update: market to be restored", ["Jane Roe"],
                                                              dt.date(2024, 3, 5), "\n\n".join(EN))
    # lines that are not 'key: value' between two rules are no front matter
    page, _ = analyse("\n".join(["---", "title: [unclosed", "A line of text, not a field", "---", "",
                                 "# Market to be restored", "", *EN]))
    assert all(b.envelope is None for b in page.blocks)


def test_the_envelope_title_is_the_title_when_the_page_prints_no_headline():
    jina = "\n".join(["Title: Le marché couvert sera restauré - Journal Exemple", "",
                      "URL Source: https://www.journal-exemple.fr/ville/marche", "",
                      "Published Time: 2024-03-05T10:15:00+01:00", "", "Markdown Content:", *FR])
    _, r = one(jina)
    assert r.title == "Le marché couvert sera restauré" and r.text == "\n\n".join(FR)
    jekyll = "\n".join(["---", "layout: post", "title: Market to be restored", "date: 2024-03-05 10:15:00 +0000",
                        "categories: local", "---", "", *EN])
    _, r = one(jekyll)
    assert (r.title, r.published_date, r.tags) == ("Market to be restored", dt.date(2024, 3, 5), ["local"])


def test_pandoc_attributes_and_fenced_divs_are_markup_not_text():
    text = "\n".join(["# Market to be restored {#market-restored .headline}", "", "::: {.byline}",
                      "By [Jane Roe](https://www.example-courier.com/staff/jane-roe){.author}", ":::", "",
                      "[5 March 2024]{.dateline}", "", "![The market](https://www.example-courier.com/m.jpg){width=\"640\"}",
                      "", EN[0] + " The roof is [listed]{.term}.", "", EN[1]])
    page, r = one(text)
    assert (r.title, r.authors, r.published_date) == ("Market to be restored", ["Jane Roe"], dt.date(2024, 3, 5))
    assert r.text == EN[0] + " The roof is listed.\n\n" + EN[1]
    assert roles(page)["::: {.byline}"][1] == "markdown_rule"


def test_citation_marks_and_a_reader_tools_reference_list_stay_out():
    text = "\n".join(["# Market to be restored", "", "By Jane Roe⟨1⟩", "5 March 2024", "",
                      EN[0].replace("on Monday", "on Monday⟨2⟩"), "", EN[1], "", "## References", "",
                      "⟨1⟩ https://www.example-courier.com/staff/jane-roe: Jane Roe",
                      "⟨2⟩ https://www.example-council.gov.uk/news: County council"])
    _, r = one(text)
    assert (r.title, r.authors) == ("Market to be restored", ["Jane Roe"])
    assert r.text == "\n\n".join(EN)


def test_a_blockquote_excerpt_is_the_standfirst_not_the_headline():
    text = "\n".join(["---", "source: https://www.example-courier.com/local/market", "author: Jane Roe", "---", "",
                      "# Market to be restored | Example Courier", "", "> ## Excerpt",
                      "> Stalls move to the church square.", "", "---", "By Jane Roe", "", *EN])
    _, r = one(text)
    assert (r.title, r.subtitle) == ("Market to be restored", "Stalls move to the church square.")
    assert r.text == "\n\n".join(EN)


def test_an_excerpt_under_its_label_is_the_standfirst_with_no_byline_below():
    """MarkDownload's default template with no byline in the page: the excerpt, a sentence that scores as text,
    is still the standfirst, not the text's first paragraph."""
    excerpt = "The county will restore the old covered market before next winter, after years of leaks."
    text = "\n".join(["---", "source: https://www.example-courier.com/local/market", "author: Jane Roe", "---", "",
                      "# Market to be restored | Example Courier", "", "> ## Excerpt", f"> {excerpt}", "", "---",
                      *EN])
    _, r = one(text)
    assert (r.title, r.subtitle) == ("Market to be restored", excerpt)
    assert r.text == "\n\n".join(EN)


def test_without_tool_marks():
    assert cues.without_tool_marks("Roof {#r .x key=\"v w\"} is [listed]{.term}⟨3⟩.") == "Roof is listed."
    assert cues.without_tool_marks("a set {b, c} and [x]{y}") == "a set {b, c} and [x]{y}"    # no attributes


def test_pandoc_title_block_and_a_jina_warning_line_are_envelopes():
    page, r = one("\n".join(["% Le marché couvert sera restauré", "% Claire Martin; Paul Durand", "% 5 mars 2024", "",
                             *FR]))
    assert (r.title, r.authors, r.published_date, r.text) == ("Le marché couvert sera restauré",
                                                              ["Claire Martin", "Paul Durand"], dt.date(2024, 3, 5),
                                                              "\n\n".join(FR))
    page, r = one("\n".join(["Title: Example Courier | Market to be restored", "",
                             "URL Source: https://www.example-courier.com/local/market", "",
                             "Warning: Target URL returned error 403: Forbidden", "", "Markdown Content:", *EN]))
    assert r.title == "Market to be restored" and r.text == "\n\n".join(EN)
    assert roles(page)["Warning: Target URL returned error 403: Forbidden"] == ("metadata", "reader_envelope")


def test_trafilatura_front_matter_separates_authors_and_tags_with_semicolons():
    text = "\n".join(["---", "title: Market to be restored", "author: Jane Roe; John Doe",
                      "url: https://www.example-courier.com/local/market", "hostname: example-courier.com",
                      "sitename: Example Courier", "date: 2024-03-05", "categories: ['local']",
                      "tags: ['market; council']", "fingerprint: 4f1c0a", "---", "", *EN])
    _, r = one(text)
    assert (r.authors, r.tags) == (["Jane Roe", "John Doe"], ["local", "market", "council"])
    assert (r.outlet, r.outlet_evidence) == ("Example Courier", "site_name")


def test_a_read_it_later_export_block_scalars_tool_links_and_escapes():
    text = "\n".join(["---", "id: 0a1b2c3d", "title: |", "  Mercado coberto vai ser restaurado", "author: |",
                      "  Ana Sousa", "date_saved: 2024-03-09 08:12:00", "date_published: 2024-03-05 10:15:00", "---",
                      "", "# Mercado coberto vai ser restaurado", "",
                      "[Read on Omnivore](https://omnivore.app/me/mercado-18e1)",
                      "[Read Original](https://www.jornal-exemplo.pt/cidade/mercado)", "",
                      PT[0], "", PT[1].replace("dois milhões", "2\\* milhões")])
    _, r = one(text)
    assert (r.title, r.authors, r.published_date) == ("Mercado coberto vai ser restaurado", ["Ana Sousa"],
                                                      dt.date(2024, 3, 5))
    assert r.text == "\n\n".join([PT[0], PT[1].replace("dois milhões", "2* milhões")])


def test_hostile_front_matter_is_read_in_bounded_time():
    # YAML aliases nesting a list 2^40 items long, and lists nested far deeper than any front matter
    aliases = ["a0: &a0 [Jane Roe, John Doe]"] + [f"a{k}: &a{k} [*a{k - 1}, *a{k - 1}]" for k in range(1, 40)]
    page, r = one("\n".join(["---", "title: Market to be restored", *aliases, "authors: *a39", "---", "", *EN]))
    assert r.authors == ["Jane Roe", "John Doe"] and r.text == "\n\n".join(EN)
    page, r = one("\n".join(["---", "title: Market to be restored", "tags: " + "[" * 5000 + "]" * 5000, "---", "", *EN]))
    assert r.text == "\n\n".join(EN)
