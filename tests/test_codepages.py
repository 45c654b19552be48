"""Legacy code pages told apart: text and HTML files that are not UTF-8 and declare no encoding (inputs.codepage).

Each text is one or two sentences of a made-up city-council story, encoded in a code page its language was
written in before UTF-8; the right answer is the text itself, letter for letter (a code page with the same
letters, Windows-1250 for an ISO-8859-2 file of a language whose letters sit at the same bytes, would do, so the
test compares text, not codec names).
"""

from __future__ import annotations

import pytest

from corpus_pkg.inputs.codepage import guess_encoding, mixed_script_words
from corpus_pkg.inputs.html import decode_html
from corpus_pkg.read import read_page

STORIES = {
    "pl": "Rada miasta zatwierdziła w środę przedłużenie linii tramwajowej na północ. Prace rozpoczną się latem "
          "i będą kosztować prawie czterdzieści milionów euro.",
    "cs": "Zastupitelstvo ve středu schválilo prodloužení tramvajové trati na sever města. Práce začnou v létě, "
          "řekl primátor Jiří Dvořák.",
    "hu": "A közgyűlés szerdán jóváhagyta a villamosvonal meghosszabbítását a város északi részébe. A munkálatok "
          "nyáron kezdődnek.",
    "hr": "Gradsko vijeće u srijedu je odobrilo produženje tramvajske pruge prema sjeveru grada. Radovi počinju "
          "ljeti i koštat će gotovo četrdeset milijuna eura.",
    "tr": "Belediye meclisi çarşamba günü tramvay hattının şehrin kuzeyine uzatılmasını onayladı, dedi belediye "
          "başkanı Ayşe Yılmaz.",
    "lt": "Miesto taryba trečiadienį patvirtino tramvajaus linijos pratęsimą į šiaurę. Darbai prasidės vasarą.",
    "fr": "Le conseil municipal a approuvé mercredi le prolongement de la ligne de tramway. Les travaux "
          "commenceront à l'été et coûteront près de quarante millions d'euros.",
    "da": "Byrådet godkendte onsdag forlængelsen af sporvognslinjen mod nord. Arbejdet går i gang til sommer og "
          "koster næsten fyrre millioner euro.",
    "ru": "Городской совет в среду одобрил продление трамвайной линии на север города. Работы начнутся летом.",
    "el": "Το δημοτικό συμβούλιο ενέκρινε την Τετάρτη την επέκταση της γραμμής του τραμ προς τα βόρεια της πόλης.",
    "ja": "市議会は5日、路面電車の路線を市の北部へ延長する計画を承認した。",
    "ko": "시의회는 5일 노면전차 노선을 도시 북부로 연장하는 계획을 승인했다.",
    "zh": "市议会周三批准了将有轨电车线路延伸至城市北部的计划。",
}
CASES = [("pl", "cp1250"), ("pl", "iso8859_2"), ("cs", "cp1250"), ("cs", "iso8859_2"), ("hu", "cp1250"),
         ("hr", "iso8859_2"), ("tr", "cp1254"), ("lt", "cp1257"), ("fr", "cp1252"), ("da", "cp1252"),
         ("ru", "koi8_r"), ("ru", "cp1251"), ("el", "iso8859_7"), ("ja", "shift_jis"), ("ja", "euc_jp"),
         ("ja", "iso2022_jp"), ("ko", "euc_kr"), ("zh", "gb18030")]


@pytest.mark.parametrize("language, codec", CASES)
def test_a_text_page_in_a_legacy_code_page_reads_letter_for_letter(tmp_path, language, codec):
    text = STORIES[language] + "\n"
    path = tmp_path / "pages" / "story.txt"
    path.parent.mkdir()
    path.write_bytes(text.encode(codec))
    page, report = read_page(path, path.parent)
    assert page is not None, report.reason
    assert page.text == text, (report.encoding, page.text[:60])
    assert report.status == "repaired" and "by detection (chardet, confidence" in report.repairs[0]


@pytest.mark.parametrize("language, codec", [("pl", "iso8859_2"), ("tr", "cp1254"), ("ja", "euc_jp"),
                                             ("ja", "iso2022_jp"), ("ru", "koi8_r")])
def test_an_html_page_without_a_charset_reads_letter_for_letter(language, codec):
    html = f"<html><head><title>x</title></head><body><p>{STORIES[language]}</p></body></html>"
    text, encoding, repairs = decode_html(html.encode(codec))
    assert STORIES[language] in text, encoding
    assert repairs and "chardet's guess" in repairs[-1]


def test_a_short_latin_text_is_not_read_in_a_cyrillic_code_page():
    """A detector may take a few accented letters for Cyrillic ones on a short text; words that would mix
    Latin and Cyrillic letters ('cafй') make Windows-1252 the answer."""
    data = "Le café est très bon, à mon avis. Voilà.".encode("latin-1")
    guess = guess_encoding(data)
    assert guess is not None and guess.text == data.decode("cp1252")


def test_mixed_script_words_counts_latin_words_with_letters_of_another_script():
    assert mixed_script_words("Le cafй est trиs bon") == 2
    assert mixed_script_words("Le café est très bon") == 0
    assert mixed_script_words("市議会は5日、路面電車の路線を承認した") == 0     # kanji and kana, no Latin
    assert mixed_script_words("Городской совет и EU") == 0


@pytest.mark.parametrize("text", ["Army Army Army déjà.", "The council met on Monday. Officials said the plan was "
                                  "déjà vu for the naïve residents.", "Voilà."])
def test_english_text_with_a_few_accented_words_is_western(text):
    """With next to no evidence (mostly ASCII, one or two accented words) a detector may answer Windows-1250, where
    0xE0 is 'ŕ' rather than 'à'; the web's most common legacy code page reads such bytes ('déjà', not 'déjŕ')."""
    data = text.encode("cp1252")
    guess = guess_encoding(data)
    assert guess is not None and guess.encoding == "cp1252" and guess.text == text


def test_a_page_two_code_pages_read_alike_is_named_western():
    """'Ana María Ruiz' reads the same in Windows-1250 and -1252 ('í' is 0xED in both): the page is named after the
    more common one, whatever a detector's language model preferred."""
    text = "By Ana María Ruiz | Le Monde | January 1, 1995\nThe council said on Monday that the plan would go ahead."
    guess = guess_encoding(text.encode("cp1252"))
    assert guess is not None and guess.encoding == "cp1252" and guess.text == text
