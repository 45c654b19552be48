"""What a byline or date line prints besides names and dates: a reading time ('5 min read', 'Lesezeit: 4 Min.')
names no one, in any language of the profiles; a WordPress post footer ('Posted by admin | News | Leave a comment',
'Publicado em Notícias | ...') is furniture, but the same words before a date are a byline or a date line
('Posted by Jane Roe | March 7, 2024', the Portuguese 'Publicado em 07/03/2024'); one capitalised word after the
names is the outlet only when the registry or the profiles' `outlet_names` know it, else maybe the dateline's place."""

from __future__ import annotations

import pytest

from inputs_pages import build

BODIES = {
    "en": ["The harbour authority said on Monday that the new pier would open to ferries before the summer season.",
           "Fishermen who use the old quay said they had not been asked about the plan, which moves their moorings.",
           "The work is due to be finished in June, two months later than the authority first promised residents."],
    "de": ["Die Hafenbehörde teilte am Montag mit, dass der neue Anleger noch vor der Sommersaison für Fähren öffnet.",
           "Fischer, die den alten Kai nutzen, sagten, sie seien zu dem Plan nicht befragt worden, der ihre Liegeplätze verlegt.",
           "Die Arbeiten sollen im Juni abgeschlossen sein, zwei Monate später als von der Behörde zunächst versprochen."],
    "fr": ["L'autorité portuaire a annoncé lundi que la nouvelle jetée ouvrirait aux ferries avant la saison estivale.",
           "Les pêcheurs qui utilisent l'ancien quai disent ne pas avoir été consultés sur ce projet qui déplace leurs amarrages.",
           "Les travaux doivent s'achever en juin, deux mois plus tard que ce que l'autorité avait d'abord promis aux habitants."],
    "ru": ["Управление порта в понедельник сообщило, что новый причал откроется для паромов ещё до начала летнего сезона.",
           "Рыбаки, которые пользуются старой пристанью, говорят, что их не спрашивали о плане, переносящем их стоянки.",
           "Работы должны завершиться в июне, на два месяца позже, чем управление сначала обещало жителям города."],
    "pt": ["A autoridade portuária anunciou na segunda-feira que o novo cais vai abrir aos ferries antes da época de verão.",
           "Os pescadores que usam o antigo cais dizem que não foram consultados sobre o plano, que muda as suas amarrações.",
           "As obras devem terminar em junho, dois meses mais tarde do que a autoridade tinha prometido aos moradores."],
}
HEADLINES = {"en": "New pier to open before summer", "de": "Neuer Anleger öffnet vor dem Sommer",
             "fr": "La nouvelle jetée ouvrira avant l'été", "ru": "Новый причал откроют до лета",
             "pt": "Novo cais abre antes do verão"}


def page(language: str, header: list[str], footer: list[str] = ()) -> str:
    paragraphs = [p + "\n" for p in BODIES[language]]
    return "\n".join([HEADLINES[language], "", *header, "", *paragraphs, *footer]) + "\n"


@pytest.mark.parametrize("language, header, author, date", [
    ("en", ["Jane Roe | March 7, 2024 | 5 min read"], "Jane Roe", "2024-03-07"),
    ("en", ["By Jane Roe · 4-minute read", "March 7, 2024"], "Jane Roe", "2024-03-07"),
    ("de", ["Von Max Beispiel | 07.03.2024 | Lesezeit: 4 Min."], "Max Beispiel", "2024-03-07"),
    ("fr", ["Par Jean Exemple | 3 minutes de lecture", "Publié le 7 mars 2024"], "Jean Exemple", "2024-03-07"),
    ("ru", ["Иван Примеров · 7 марта 2024 · 5 минут чтения"], "Иван Примеров", "2024-03-07"),
], ids=["en-pipe", "en-hyphen", "de", "fr", "ru"])
def test_a_reading_time_in_a_byline_names_no_one(tmp_path, language, header, author, date):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "story.txt").write_text(page(language, header), encoding="utf-8")
    _, articles, _ = build(tmp_path / "in", tmp_path / "out")
    [article] = articles
    assert article["title"] == HEADLINES[language]
    assert article["authors"] == [author] and article["outlet"] is None
    assert str(article["published_date"]) == date
    assert article["text"].split("\n\n")[0] == BODIES[language][0]


def test_wordpress_words_before_a_date_are_a_byline_or_a_date_line_and_after_a_post_its_footer(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "posted.txt").write_text(
        page("en", ["Posted by Jane Roe | March 7, 2024"], ["Posted by admin | Harbour, Ferries | Leave a comment"]),
        encoding="utf-8")
    (folder / "publicado.txt").write_text(
        page("pt", ["Por João Exemplo", "Publicado em 07/03/2024 às 09h01 | Atualizado em 08/03/2024 às 10h32"],
             ["Publicado em Notícias | Deixe um comentário"]), encoding="utf-8")
    _, articles, _ = build(folder, tmp_path / "out")
    found = {a["title"]: a for a in articles}
    posted, publicado = found[HEADLINES["en"]], found[HEADLINES["pt"]]
    assert posted["authors"] == ["Jane Roe"] and str(posted["published_date"]) == "2024-03-07"
    assert str(publicado["published_date"]) == "2024-03-07" and str(publicado["modified_date"]) == "2024-03-08"
    for article, language in ((posted, "en"), (publicado, "pt")):
        assert article["text"].split("\n\n") == BODIES[language]      # the footers are not text


@pytest.mark.parametrize("language, lines", [
    ("en", ["Share: Facebook Twitter Email",
            "Sign up for our free morning newsletter and get the day's top stories delivered to your inbox.",
            "Copyright 2025 The Example Press. All rights reserved. This material may not be published, broadcast, "
            "rewritten or redistributed."]),
    ("de", ["Teilen: Facebook Twitter WhatsApp E-Mail", "Abonnieren Sie unseren kostenlosen Newsletter am Morgen."]),
    ("fr", ["Partager : Facebook X E-mail", "Inscrivez-vous à notre newsletter quotidienne."]),
], ids=["en", "de", "fr"])
def test_share_bars_newsletter_promotions_and_wire_notices_are_not_text(tmp_path, language, lines):
    """Between and after the paragraphs: a share bar with its label in the page's language, a newsletter promotion,
    a wire service's copyright notice with its reproduction terms."""
    paragraphs = BODIES[language]
    body = [paragraphs[0], "", lines[0], "", paragraphs[1], "", *lines[1:2], "", paragraphs[2], "", *lines[2:]]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "story.txt").write_text("\n".join([HEADLINES[language], "", *body]) + "\n", encoding="utf-8")
    _, articles, [page] = build(tmp_path / "in", tmp_path / "out")
    [article] = articles
    assert article["text"].split("\n\n") == paragraphs
    numbers = {text: number for number, text in enumerate(page["text"].split("\n"), start=1)}
    for line, kind in zip(lines, ["share_bar", "newsletter_promo", "site_footer"]):
        [span] = [s for s in page["spans"] if s["line_start"] <= numbers[line] <= s["line_end"]]
        assert (span["role"], span["detail"]) == ("boilerplate", kind)


@pytest.mark.parametrize("language, byline, outlet", [
    ("en", "By Karen Roe, Sacramento", None),
    ("de", "Von Katrin Beispiel, Magdeburg", None),
    ("en", "By Karen Roe, Reuters", "Reuters"),
    ("en", "By Karen Roe, Harbourtown", "Harbourtown"),       # named by the user's profile below
], ids=["place", "place-de", "agency", "user-outlet"])
def test_one_word_after_the_names_is_an_outlet_only_when_known(tmp_path, language, byline, outlet):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "story.txt").write_text(page(language, [byline, "March 7, 2024"]), encoding="utf-8")
    profile = tmp_path / "outlets.toml"
    profile.write_text('[lexicon]\noutlet_names = ["Harbourtown"]\n', encoding="utf-8")
    _, [article], _ = build(tmp_path / "in", tmp_path / "out", "--profile", str(profile))
    assert article["authors"] == [byline.split(" ", 1)[1].split(",")[0]]
    assert article["outlet"] == outlet and article["byline"] == byline


@pytest.mark.parametrize("language, header", [
    ("pt", ["Por João Exemplo", "Lisboa - 07 mar 2024 - 09:01 WET"]),
    ("en", ["By Jane Roe", "Exclusive | March 7, 2024"]),
], ids=["place-pt", "rubric-en"])
def test_one_word_beside_a_date_is_no_outlet_unless_known(tmp_path, language, header):
    """A dateline's place or a rubric printed with the date ('Lisboa - 07 mar 2024', 'Exclusive | March 7, 2024')."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "story.txt").write_text(page(language, header), encoding="utf-8")
    _, [article], _ = build(tmp_path / "in", tmp_path / "out")
    assert article["outlet"] is None and str(article["published_date"]) == "2024-03-07"
    assert article["authors"] == [header[0].split(" ", 1)[1]]


def test_a_plural_job_title_after_two_names_and_a_year_first_date_with_an_english_shaped_month(tmp_path):
    """'Door A en B, politiek verslaggevers' (Dutch: the job title in the plural after two names) and the Hungarian
    '2024. december 2.' (year first; 'december' is spelt as in English, which no English date pattern reads)."""
    folder = tmp_path / "in"
    folder.mkdir()
    dutch = ["Het kabinet trekt extra geld uit voor de versterking van de dijken langs de Maas, zo maakte de minister dinsdag bekend.",
             "Waterschappen hadden al jaren gewaarschuwd dat de dijken niet bestand zijn tegen de hogere waterstanden van de toekomst.",
             "De eerste werkzaamheden beginnen volgend voorjaar en moeten binnen vier jaar zijn afgerond, aldus het ministerie."]
    hungarian = ["A kormány keddi ülésén döntött arról, hogy januártól emelkedik a minimálbér és a garantált bérminimum összege.",
                 "A szakszervezetek üdvözölték a döntést, de szerintük az emelés nem ellensúlyozza a tavalyi magas inflációt.",
                 "A munkaadói szervezetek szerint a kis- és középvállalkozások számára nehéz lesz kigazdálkodni a többletköltséget."]
    (folder / "nl.txt").write_text("\n".join(["Kabinet trekt extra geld uit voor dijken", "",
                                              "Door Sanne Voorbeeld en Pieter Proef, politiek verslaggevers",
                                              "12 april 2024", "", *[p + "\n" for p in dutch]]), encoding="utf-8")
    (folder / "hu.txt").write_text("\n".join(["Januártól emelkedik a minimálbér", "", "Szerző: Példa Péter",
                                              "2024. december 2. 10:24 | Frissítve: 2024. december 3. 12:05", "",
                                              *[p + "\n" for p in hungarian]]), encoding="utf-8")
    _, articles, _ = build(folder, tmp_path / "out")
    found = {a["language"]: a for a in articles}
    assert found["nl"]["authors"] == ["Sanne Voorbeeld", "Pieter Proef"] and found["nl"]["subtitle"] is None
    assert str(found["hu"]["published_date"]) == "2024-12-02" and str(found["hu"]["modified_date"]) == "2024-12-03"
