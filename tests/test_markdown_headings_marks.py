"""Pages written in Markdown by reader tools (pages written for these tests): a setext headline over a setext
standfirst, and the marks of emphasis and lists in the text, which a plain-text page keeps."""

from __future__ import annotations

import pytest

from test_extraction import PARA, PARA2, PARA3, analyse

ES = ["El pleno del ayuntamiento aprobó el martes por amplia mayoría la construcción de un nuevo puente sobre el río, "
      "que tendrá unos trescientos metros de longitud y dos carriles para coches.",
      "El coste se estima en ochenta millones de euros, financiados en su mayor parte por el gobierno regional, según "
      "explicó la concejala de urbanismo al término de la sesión.",
      "Los vecinos temen el ruido, el polvo y los desvíos durante las obras, que durarán tres años."]
DE = ["Der Gemeinderat hat am Dienstag mit großer Mehrheit den Bau einer neuen Brücke über den Fluss beschlossen. "
      "Sie soll rund dreihundert Meter lang werden und zwei Fahrspuren sowie einen breiten Radweg haben.",
      "Die Kosten werden auf achtzig Millionen Euro geschätzt. Ein Großteil soll aus Mitteln des Landes kommen, "
      "wie die Baudezernentin nach der Sitzung den wartenden Journalisten sagte.",
      "Kritik kam von Anwohnern, die während der Bauzeit Lärm, Staub und lange Umleitungen fürchten."]
NAV = ["[Ir al contenido](https://example.org/#main)", "", "*   [Portada](https://example.org/)",
       "*   [Local](https://example.org/local/)", "", "[Suscríbete](https://example.org/suscripcion/)", ""]

PHOTO = "[![Image 1: The river](https://img.example.org/river.jpg)](https://img.example.org/river.jpg)"


def one(text: str):
    _, records = analyse(text)
    assert len(records) == 1
    return records[0]


def page(lines: list[str], paragraphs: list[str]) -> str:
    return "\n".join(lines + [line for p in paragraphs for line in ("", p)]) + "\n"


def setext(text: str, mark: str) -> list[str]:
    return [text, mark * len(text), ""]


@pytest.mark.parametrize("headline, standfirst, byline, paragraphs", [
    ("Ayuntamiento aprueba un nuevo puente", "El trazado de trescientos metros unirá los barrios del norte con el centro",
     ["[María López](https://example.org/autor/maria-lopez/)", "", "Madrid - 12 abr 2024 - 14:30 CEST", "", PHOTO, "",
      "El río a su paso por la ciudad. EFE"], ES),
    ("Gemeinderat beschließt neue Brücke", "Die dreihundert Meter lange Brücke soll den Norden mit der Altstadt verbinden",
     ["Von Anna Schmidt", "", "12.04.2024, 14:30 Uhr"], DE),
    ("Council Approves New Bridge Over the River", "The crossing will link the northern villages with the town centre",
     ["By [Jane Roe](https://example.org/jane-roe)", "", "April 12, 2024", "", PHOTO, "", "The river in spring. AP"],
     [PARA, PARA2, PARA3]),
])
def test_a_setext_headline_over_a_setext_standfirst(headline, standfirst, byline, paragraphs):
    r = one(page(NAV + setext(headline, "=") + setext(standfirst, "-") + byline, paragraphs))
    assert (r.title, r.subtitle) == (headline, standfirst)
    assert r.text.startswith(paragraphs[0][:30])


def test_front_matter_fences_are_no_setext_underlines():
    r = one(page(["---", "title: Council Approves New Bridge Over the River", "author: Jane Roe", "---", ""],
                 [PARA, PARA2, PARA3]))
    assert (r.title, r.authors) == ("Council Approves New Bridge Over the River", ["Jane Roe"])


RU = ["Городская дума во вторник большинством голосов одобрила строительство нового моста через реку. Его длина "
      "составит около трёхсот метров, на нём будут две полосы движения.",
      "**Стоимость** проекта оценивается в восемь миллиардов рублей, большую часть средств выделит *областной* бюджет, "
      "сообщила после заседания заместитель мэра.",
      "Жители __очень__ опасаются шума, пыли и объездов во время строительства, которое продлится три года."]


@pytest.mark.parametrize("lines, paragraphs, expected", [
    (["# Council Approves New Bridge Over the River", "", "By [Jane Roe](https://example.org/jane-roe)", ""],
     [PARA.replace("new water pipeline", "*new water pipeline*"), "The plan's main features:", "*   Twelve pillars",
      "- A footpath along the river", PARA2.replace("several", "**several**"), PARA3],
     [PARA, "The plan's main features:", "Twelve pillars", "A footpath along the river", PARA2, PARA3]),
    (["Title: Горсовет одобрил строительство моста", "", "URL Source: https://example.ru/most.html", "",
      "Markdown Content:", "Горсовет одобрил строительство моста", "-----------------------------------", ""], RU,
     [RU[0], RU[1].replace("**", "").replace("*", ""), RU[2].replace("__", "")]),
])
def test_emphasis_and_list_marks_are_kept_out_of_a_markdown_pages_text(lines, paragraphs, expected):
    r = one(page(lines, paragraphs))
    assert r.text.split("\n\n") == expected


def test_a_plain_text_page_keeps_its_asterisks():
    marked = PARA.replace("new water pipeline", "*new water pipeline*")
    r = one(page(["Council Approves New Bridge Over the River", "", "By Jane Roe", ""], [marked, PARA2, PARA3]))
    assert r.text.split("\n\n")[0] == marked
    # (a rule printed right under a paragraph does not make the page Markdown)
    r = one(page(["Council Approves New Bridge Over the River", "", "By Jane Roe", ""], [marked + "\n----------", PARA2, PARA3]))
    assert r.text.split("\n\n")[0] == marked
