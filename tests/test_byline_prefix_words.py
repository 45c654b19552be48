"""A byline prefix that is also a preposition or a name's particle ('de', 'di', 'von', 'par', 'por', 'av', 'door',
'by') opens a byline only at the line's start with a name after it: 'de Ioana Popescu' signs a Romanian article;
'Von der Leyen ...', 'De la Bruxelles ...' and 'de 2023 ...' are not bylines. Pages and lines are made up here."""

from __future__ import annotations

import pytest
from test_languages import one_record, page_of

from corpus_pkg import cues
from corpus_pkg.profiles import load_profile
from corpus_pkg.registry import outlet_key

RO = ["Portul funcționează la capacitate maximă de câteva săptămâni, după ce tot mai multe barje încărcate "
      "cu cereale au început să urce pe fluviu, iar operatorii spun că nu au mai văzut asemenea volume.",
      "Autoritățile portuare au anunțat că vor prelungi programul de lucru și vor angaja personal suplimentar, "
      "însă lipsa vagoanelor și starea proastă a căii ferate limitează transportul mărfii mai departe."]


@pytest.mark.parametrize("byline", ["de Ioana Popescu", "De Ioana Popescu", "de: Ioana Popescu"])
def test_a_romanian_byline_de_names_its_author(byline):
    _, r = one_record(page_of("Portul de la Dunăre, sufocat de cereale", [byline], RO))
    assert r.authors == ["Ioana Popescu"] and r.byline == byline
    assert r.text == "\n\n".join(RO)


@pytest.mark.parametrize("language, line", [
    ("de", "Von der Leyen Besucht Kiew"),          # a particle of the name, not the prefix
    ("ro", "De la Cruz Popescu Vorbește"),
    ("nl", "Door de Regering Gesteund"),
    ("ro", "de 2023 Ioana Popescu"),               # no name after the prefix
    ("it", "di recente Mario Rossi"),
])
def test_a_one_word_prefix_without_a_name_after_it_opens_no_byline(language, line):
    profile = load_profile()
    line_cues = cues.compile_cues(profile.cues_for(language), language)
    organisation_words = frozenset(w.casefold() for w in profile.lexicon.organisation_words)
    assert line_cues.byline_prefix.match(line) is None
    assert cues.parse_byline(line, organisation_words, frozenset(), outlet_key, line_cues) is None


@pytest.mark.parametrize("language, line, authors", [
    ("de", "Von Andreas Huber", ["Andreas Huber"]), ("it", "di Mario Rossi", ["Mario Rossi"]),
    ("fr", "par Marie Dupont", ["Marie Dupont"]), ("nl", "Door Jan de Vries", ["Jan de Vries"]),
    ("en", "By **Jane Roe**", None), ("en", "BY JANE ROE", ["Jane Roe"]),
])
def test_a_one_word_prefix_before_a_name_still_opens_a_byline(language, line, authors):
    profile = load_profile()
    line_cues = cues.compile_cues(profile.cues_for(language), language)
    organisation_words = frozenset(w.casefold() for w in profile.lexicon.organisation_words)
    assert line_cues.byline_prefix.match(line) is not None
    if authors is not None:
        found = cues.parse_byline(line, organisation_words, frozenset(), outlet_key, line_cues)
        assert found is not None and found.authors == authors
