"""Every paragraph of running text stays in the article's text: short paragraphs closing or opening an article, a
tabloid's one-sentence paragraphs, quotes closed after the full stop ('. »', '.“'), sentence ends of every script
('।', '۔', '။', '។', '።'), paragraphs of Thai, which marks no sentence end; and a story's first paragraph opening
with a wire dateline is never its headline. Every page here was written for these tests, with invented names."""

from __future__ import annotations

import datetime as dt

import pytest
from test_extraction import analyse, page_of

from corpus_pkg import cues


def record_of(text: str):
    page, records = analyse(text)
    assert len(records) == 1, [r.title for r in records]
    return page, records[0]


def paragraphs_of(record) -> list[str]:
    return record.text.split("\n\n")


# ------------------------------------------------------------------------------------------------
# a short paragraph at the end (or the start) of the text, in a row of paragraphs

SHORT_LAST = {
    "en": ("Harbour board backs new ferry pier", "By Ellen Marsh", "3 March 2024",
           ["The harbour board voted on Tuesday to replace the old wooden ferry pier with a concrete one before "
            "the summer season begins.",
            "Fishermen had complained for years that the pier was unsafe in winter storms."],
           "Work is due to start in May."),
    "fr": ("Le port aura une nouvelle jetée", "Par Claire Fabre", "3 mars 2024",
           ["Le conseil portuaire a voté mardi le remplacement de la vieille jetée en bois par une jetée en béton "
            "avant la saison d'été.",
            "Les pêcheurs se plaignaient depuis des années de son mauvais état en hiver."],
           "Les travaux commenceront en mai."),
    "de": ("Hafen bekommt einen neuen Anleger", "Von Jonas Keller", "3. März 2024",
           ["Der Hafenrat hat am Dienstag beschlossen, den alten Holzanleger noch vor der Sommersaison durch einen "
            "neuen aus Beton zu ersetzen.",
            "Die Fischer hatten sich seit Jahren über den Zustand des Anlegers im Winter beschwert."],
           "Die Arbeiten beginnen im Mai."),
    "es": ("El puerto tendrá un nuevo muelle", "Por Lucía Ferrer", "3 de marzo de 2024",
           ["La autoridad portuaria aprobó el martes sustituir el viejo muelle de madera por uno de hormigón antes "
            "de la temporada de verano.",
            "Los pescadores llevaban años quejándose de su estado durante el invierno."],
           "Las obras empezarán en mayo."),
    "ar": ("الموافقة على رصيف جديد للعبارات", "بقلم سامي الحداد", "3 مارس 2024",
           ["وافقت هيئة الميناء يوم الثلاثاء على استبدال رصيف العبارات الخشبي القديم برصيف من الخرسانة قبل "
            "بداية موسم الصيف المقبل.",
            "وكان الصيادون يشكون منذ سنوات من حالة الرصيف في فصل الشتاء."],
           "ورحب الصيادون بالقرار."),
    "el": ("Νέα προβλήτα για το λιμάνι", "Του Νίκου Αντωνίου", "3 Μαρτίου 2024",
           ["Το λιμενικό ταμείο αποφάσισε την Τρίτη να αντικαταστήσει την παλιά ξύλινη προβλήτα με μια νέα από "
            "σκυρόδεμα πριν από το καλοκαίρι.",
            "Οι ψαράδες παραπονιούνταν εδώ και χρόνια για την κατάστασή της τον χειμώνα."],
           "Τα έργα θα ξεκινήσουν τον Μάιο."),
}


@pytest.mark.parametrize("language", sorted(SHORT_LAST))
def test_a_short_last_paragraph_is_the_texts_last(language):
    headline, byline, date, paragraphs, last = SHORT_LAST[language]
    _, r = record_of(page_of(headline, byline, date, *paragraphs, last))
    assert paragraphs_of(r) == [*paragraphs, last]
    assert r.title == headline


@pytest.mark.parametrize("language", ["en", "fr", "de"])
def test_a_short_first_paragraph_is_the_texts_first(language):
    headline, byline, date, paragraphs, last = SHORT_LAST[language]
    _, r = record_of(page_of(headline, byline, date, last, *paragraphs))
    assert paragraphs_of(r) == [last, *paragraphs]


TABLOID = {
    "en": ("Pensioner finds winning ticket in old coat", "By Tom Price", "3 March 2024",
           ["A retired postman from Hull found a winning lottery ticket worth thousands in the pocket of a coat he "
            "had not worn for a year.",
            "He had given up hope of finding it.", "\"I nearly threw that coat away,\" he said.",
            "The prize was £20,000.", "He will share it with his neighbours.", "The coat is now framed."]),
    "es": ("Un jubilado encuentra un boleto premiado en su abrigo", "Por Ana Ruiz", "3 de marzo de 2024",
           ["Un cartero jubilado de Burgos encontró un boleto de lotería premiado en el bolsillo de un abrigo que "
            "no se ponía desde hacía un año.",
            "Ya había perdido la esperanza.", "«Casi tiro ese abrigo», dijo.", "El premio es de 20.000 euros.",
            "Lo compartirá con sus vecinos.", "El abrigo está ahora enmarcado."]),
}


@pytest.mark.parametrize("language", sorted(TABLOID))
def test_a_run_of_one_sentence_paragraphs_under_a_byline_is_kept_whole(language):
    headline, byline, date, paragraphs = TABLOID[language]
    _, r = record_of(page_of(headline, byline, date, *paragraphs))
    assert paragraphs_of(r) == paragraphs


def test_a_row_of_short_sentences_alone_is_no_text():
    """A newsletter box under the text ('Don't miss a thing.' / 'Keep up with us.'): no paragraph in its row."""
    headline, byline, date, paragraphs, last = SHORT_LAST["en"]
    page, r = record_of(page_of(headline, byline, date, *paragraphs, last, "Newsletter", "Don't miss a thing.",
                                "Sign up today.", "Subscribe", "Home"))
    assert paragraphs_of(r) == [*paragraphs, last]


# ------------------------------------------------------------------------------------------------
# quotes closed after the full stop: French '. »', German '.“', Danish and Swedish '.«'

QUOTED = [
    ("Le maire a salué le vote : « C'est un grand jour pour le port. »", "fr"),
    ("Le maire a salué le vote : « Est-ce vraiment la fin ? »", "fr"),
    ("Der Bürgermeister sagte: „Das ist ein guter Tag für den Hafen.“", "de"),
    ("Der Bürgermeister fragte: „Wer soll das bezahlen?“", "de"),
    ("Borgmesteren sagde: »Det er en god dag for havnen.«", "da"),
]


@pytest.mark.parametrize("line,language", QUOTED)
def test_a_quote_closed_after_its_full_stop_ends_a_sentence(line, language):
    assert cues.ends_sentence(line)
    assert cues.is_heading_like(line) == line.endswith(("?“", "? »"))    # (a short question may be a headline)


@pytest.mark.parametrize("language,quote", [("fr", QUOTED[0][0]), ("de", QUOTED[2][0])])
def test_a_short_quote_paragraph_is_text_not_a_caption(language, quote):
    headline, byline, date, paragraphs, last = SHORT_LAST[language]
    _, r = record_of(page_of(headline, byline, date, paragraphs[0], quote, paragraphs[1], last))
    assert paragraphs_of(r) == [paragraphs[0], quote, paragraphs[1], last]


QUOTED_QUESTIONS = [("fr", "Le maire a demandé : « Qui va payer la facture ? »"),
                    ("de", "Der Bürgermeister fragte: „Wer soll das bezahlen?“"),
                    ("en", 'The mayor asked: "Who will pay for it?"'),
                    ("es", "El alcalde preguntó: «¿Quién va a pagar?»")]


@pytest.mark.parametrize("language,quote", QUOTED_QUESTIONS)
def test_a_quoted_question_shaped_as_a_headline_is_text_in_the_middle_and_at_the_end(language, quote):
    headline, byline, date, paragraphs, last = SHORT_LAST[language]
    _, r = record_of(page_of(headline, byline, date, paragraphs[0], quote, paragraphs[1], last))
    assert paragraphs_of(r) == [paragraphs[0], quote, paragraphs[1], last]
    _, r = record_of(page_of(headline, byline, date, *paragraphs, quote, "Home", "Contact us"))
    assert paragraphs_of(r) == [*paragraphs, quote]


@pytest.mark.parametrize("language,question", [("en", "So what happens next?"), ("el", "Ποιος θα πληρώσει το κόστος;")])
def test_a_question_closing_the_page_is_its_last_paragraph(language, question):
    """(Greek prints its question mark as ';', which NFC makes of U+037E.)"""
    headline, byline, date, paragraphs, last = SHORT_LAST[language]
    _, r = record_of(page_of(headline, byline, date, *paragraphs, question))
    assert paragraphs_of(r) == [*paragraphs, question]


def test_question_headlines_of_a_related_list_under_the_text_stay_out():
    """Teasers under the text ('Related news', then headline / blurb pairs): a bare question under a paragraph is a
    teaser's headline, and an exclamation a call to action."""
    headline, byline, date, paragraphs, last = SHORT_LAST["en"]
    _, r = record_of(page_of(headline, byline, date, *paragraphs, last, "You have been subscribed!", "Related news",
                             "Ferry fares: Will they rise again this summer?",
                             "The operator has warned that fuel costs could push ticket prices up by a tenth before "
                             "the holiday season starts.",
                             "Coastal path: Is the new route safe for walkers?",
                             "Walkers have raised concerns about a stretch of the new path that runs close to the "
                             "cliff edge near the old lighthouse."))
    assert paragraphs_of(r) == [*paragraphs, last]


# ------------------------------------------------------------------------------------------------
# sentence ends of every script, from one table

SENTENCE_MARKS = ".。．｡।॥۔።။។៕։།!?…！？؟፧"     # Latin, CJK, Devanagari and Bengali, Urdu, Ethiopic, Burmese, ...


@pytest.mark.parametrize("mark", list(SENTENCE_MARKS))
def test_every_scripts_sentence_mark_ends_a_sentence_and_is_in_the_one_table(mark):
    from corpus_pkg.cues.text import FULL_STOPS, OTHER_SENTENCE_ENDS
    from corpus_pkg.segment.single import holds_two_sentences

    assert mark in FULL_STOPS + OTHER_SENTENCE_ENDS
    assert cues.ends_sentence("word word word" + mark)
    assert cues.ends_sentence("word word word" + mark + "”")
    assert holds_two_sentences(f"Big firms talk of sharing{mark} Uber is just a taxi firm")


DANDA = {
    "hi": ("दिल्ली में नया पुल खुला", "लेखक: अमित वर्मा", "3 मार्च 2024",
           ["नगर निगम ने मंगलवार को यमुना नदी पर बने नए पुल को यातायात के लिए खोल दिया, जिससे पूर्वी दिल्ली के "
            "लाखों लोगों को राहत मिलेगी।",
            "पुल की लागत करीब पाँच सौ करोड़ रुपये है।", "मंत्री ने कहा कि दूसरा पुल अगले साल बनेगा।",
            "लोगों ने फैसले का स्वागत किया।"], ["अमित वर्मा"]),
    "bn": ("ঢাকায় নতুন সেতু চালু", "লেখক: করিম হোসেন", "৩ মার্চ ২০২৪",
           ["সিটি করপোরেশন মঙ্গলবার বুড়িগঙ্গা নদীর ওপর নতুন সেতুটি যান চলাচলের জন্য খুলে দিয়েছে, এতে পুরান ঢাকার "
            "লাখো মানুষের যাতায়াত সহজ হবে।",
            "সেতুটির ব্যয় প্রায় পাঁচশো কোটি টাকা।", "মন্ত্রী বলেছেন, আগামী বছর আরেকটি সেতু হবে।",
            "স্থানীয়রা সিদ্ধান্তকে স্বাগত জানিয়েছেন।"], ["করিম হোসেন"]),
    "ur": ("کراچی میں نیا پل کھل گیا", "تحریر: عمران علی", "3 مارچ 2024",
           ["بلدیہ نے منگل کو لیاری ندی پر بنے نئے پل کو ٹریفک کے لیے کھول دیا، جس سے شہر کے لاکھوں لوگوں کو "
            "آسانی ہوگی۔",
            "پل کی لاگت تقریباً پانچ ارب روپے ہے۔", "وزیر نے کہا کہ دوسرا پل اگلے سال بنے گا۔",
            "شہریوں نے فیصلے کا خیرمقدم کیا۔"], ["عمران علی"]),
}


@pytest.mark.parametrize("language", sorted(DANDA))
def test_short_paragraphs_ending_with_a_danda_or_urdu_full_stop_are_text(language):
    headline, byline, date, paragraphs, authors = DANDA[language]
    _, r = record_of(page_of(headline, byline, date, *paragraphs))
    assert paragraphs_of(r) == paragraphs
    assert (r.title, r.authors, r.published_date) == (headline, authors, dt.date(2024, 3, 3))


@pytest.mark.parametrize("line", ["पुल की लागत करीब पाँच सौ करोड़ रुपये है।", "پل کی لاگت تقریباً پانچ ارب روپے ہے۔",
                                  "ድልድዩ በሚቀጥለው ዓመት ይከፈታል።", "တံတားကို နောက်နှစ် ဖွင့်မည်။", "ស្ពាននឹងបើកនៅឆ្នាំក្រោយ។"])
def test_a_short_sentence_of_any_script_is_no_heading(line):
    assert cues.ends_sentence(line)
    assert not cues.is_heading_like(line)


# ------------------------------------------------------------------------------------------------
# Thai: no mark ends a sentence; a short paragraph is told by its length and place

THAI = ("ครม.อนุมัติสะพานใหม่ข้ามแม่น้ำ", "โดย วิชัย ศรีสุข", "3 มีนาคม 2024",
        ["คณะรัฐมนตรีอนุมัติโครงการก่อสร้างสะพานแห่งใหม่ข้ามแม่น้ำเจ้าพระยาทางตอนเหนือของกรุงเทพฯ เมื่อวันอังคารที่ผ่านมา",
         "โครงการมีมูลค่าประมาณห้าพันล้านบาท", "รัฐมนตรีกล่าวว่าจะเริ่มก่อสร้างในปีหน้า", "ชาวบ้านส่วนใหญ่เห็นด้วยกับโครงการนี้"])


def test_short_thai_paragraphs_under_a_paragraph_are_text():
    headline, byline, date, paragraphs = THAI
    _, r = record_of(page_of(headline, byline, date, *paragraphs))
    assert paragraphs_of(r) == paragraphs
    assert r.title == headline


def test_a_thai_line_ending_with_an_abbreviations_dot_is_no_sentence():
    """'น.' (hours) and 'เม.ย.' (April) end with a dot: a Thai date line the date reader cannot read (Buddhist era) under
    the byline is no paragraph; a Burmese or Khmer line ending with its full stop is one."""
    headline, byline, _, paragraphs = THAI
    line = "3 มี.ค. 2567 14:30 น."
    assert cues.is_heading_like(line)
    page, r = record_of(page_of(headline, byline, line, *paragraphs))
    assert paragraphs_of(r) == paragraphs


def test_a_page_of_two_thai_stories_keeps_each_ones_short_paragraphs_and_headline():
    """The second headline follows the first story's last paragraph, but a byline and a date follow it: a header, not
    a paragraph; each story's length is counted in word equivalents (Thai puts spaces between sentences only)."""
    headline, byline, date, paragraphs = THAI
    second = ("กรุงเทพฯ เปิดสวนสาธารณะแห่งใหม่", "โดย สมศรี ใจงาม", "4 มีนาคม 2024",
              ["กรุงเทพมหานครเปิดสวนสาธารณะแห่งใหม่ขนาดห้าสิบไร่ในเขตบางกะปิเมื่อวันพุธเพื่อให้ประชาชนได้พักผ่อนและออกกำลังกาย",
               "สวนแห่งนี้เปิดให้บริการทุกวันตั้งแต่เวลาห้าโมงเช้าถึงสามทุ่มโดยไม่เสียค่าใช้จ่าย",
               "ผู้ว่าราชการกล่าวว่าจะมีสวนแห่งใหม่อีกสามแห่งภายในปีนี้เพื่อเพิ่มพื้นที่สีเขียวให้เมือง"])
    _, records = analyse(page_of(headline, byline, date, *paragraphs, second[0], second[1], second[2], *second[3]))
    assert [(r.title, paragraphs_of(r)) for r in records] == [(headline, paragraphs), (second[0], second[3])]


# ------------------------------------------------------------------------------------------------
# a story file without headline whose first paragraph opens with a wire dateline

DATELINE_LEDES = {
    "en": ("WASHINGTON (AP) — The Senate passed the farm bill on Tuesday.", None,
           ["The measure extends crop insurance and nutrition programs for five years and now goes to the House, "
            "where its prospects are less certain after months of disagreement over food aid.",
            "Supporters said the bill gives farmers certainty after two years of short extensions."]),
    "fr": ("PARIS, 3 mars 2024 (AFP) - Le Sénat a adopté mardi le projet de loi agricole.", dt.date(2024, 3, 3),
           ["Le texte prolonge pour cinq ans les aides aux assurances récoltes et doit maintenant être examiné par "
            "l'Assemblée nationale, où son sort reste incertain après des mois de désaccord.",
            "Ses partisans estiment qu'il offre enfin de la visibilité aux agriculteurs."]),
    "de": ("Berlin (dpa) - Der Bundestag hat das Agrargesetz am Dienstag verabschiedet.", None,
           ["Das Gesetz verlängert die Hilfen für Ernteversicherungen um fünf Jahre und muss nun noch vom Bundesrat "
            "gebilligt werden, wo seine Zukunft nach monatelangem Streit ungewiss ist.",
            "Die Befürworter sagen, es gebe den Landwirten endlich Planungssicherheit."]),
    "es": ("MADRID, 3 de marzo de 2024 (EFE).- El Senado aprobó el martes la ley agraria.", dt.date(2024, 3, 3),
           ["La norma prorroga durante cinco años las ayudas a los seguros agrarios y debe ser examinada ahora por "
            "el Congreso, donde su futuro sigue siendo incierto tras meses de desacuerdo.",
            "Sus defensores creen que por fin da estabilidad a los agricultores."]),
}


@pytest.mark.parametrize("language", sorted(DATELINE_LEDES))
def test_a_short_lede_opening_with_a_dateline_is_text_not_the_headline(language):
    lede, date, follows = DATELINE_LEDES[language]
    _, r = record_of(page_of(lede, *follows))
    assert r.title is None
    assert paragraphs_of(r) == [lede, *follows]
    assert r.published_date == date
    # under a header, the header's date line gives the date
    _, r = record_of(page_of("Farm bill passes", "By Paul Morel", "4 March 2024", lede, *follows))
    assert (r.title, r.published_date) == ("Farm bill passes", dt.date(2024, 3, 4))


@pytest.mark.parametrize("line,words", [("सरकार ने फैसला किया है।", ["सरकार", "ने", "फैसला", "किया", "है"]),
                                        ("حکومت نے فیصلہ کیا ہے۔", ["حکومت", "نے", "فیصلہ", "کیا", "ہے"]),
                                        ("¿Quién paga, señor?", ["quién", "paga", "señor"])])
def test_a_words_sentence_marks_are_no_part_of_it(line, words):
    """The function-word share of a paragraph counts its last word too ('है।' is the stop word 'है')."""
    from corpus_pkg.segment.score import words_of

    assert words_of(line) == words


@pytest.mark.parametrize("headline, byline, date, paragraphs", [
    ("Harbour board approves the eastern quay extension", "By Clara Holm", "March 4, 2025",
     ["The harbour board approved the extension of the eastern quay on Tuesday after a debate that lasted most of "
      "the afternoon and ended with a narrow vote.",
      "Shipping firms welcomed expanded berths, deeper channels, longer leases, faster customs clearance.",
      "Work starts in June."]),
    ("Rada miasta przyjęła budżet na przyszły rok", "Autor: Tomasz Wiśniewski", "4 marca 2025",
     ["Rada miasta przyjęła we wtorek budżet na przyszły rok, a głosowanie poprzedziła długa i burzliwa debata "
      "radnych wszystkich klubów.",
      "Radni opozycji krytykują wysokie wydatki bieżące, niskie inwestycje drogowe, rosnące zadłużenie gminy.",
      "Budżet trafi teraz do wojewody."]),
])
def test_a_terse_sentence_under_a_paragraph_does_not_end_the_article(headline, byline, date, paragraphs):
    """A sentence with few function words (an enumeration of nouns, a terse Polish sentence) is read as a list's
    line only when it is no sentence in the flow of the text: under a paragraph, closing with a full stop, it and
    the paragraphs after it stay in the text."""
    _, records = analyse(page_of(headline, byline, date, *paragraphs))
    assert len(records) == 1 and records[0].text == "\n\n".join(paragraphs)
