"""Header lines of labelled fields, and the bylines and date lines of more languages (profiles/languages.toml).

A line printing the source, the author, the editor and the date, each after its label and in any order
('来源：… 作者：…', 'Author: … | Source: …'), is read field by field; the languages added to the table (Greek,
Hebrew, Hindi, Thai, Vietnamese) give their bylines and their update labels. Every page here was written for
these tests, with invented names and outlets.
"""

from __future__ import annotations

import datetime as dt

import pytest
from test_languages import EN, one_record, page_of

ZH = ["地区议会周一表示，新的输水管道将在夏天之前通到东部村庄。此前两年，工程因资金短缺和线路争议而一再拖延。",
      "受访居民说，他们以前也听过这样的承诺，并质问为什么沟渠空置数月，承包商却已拿到全部工程款。"]
JA = ["町の議会は月曜日、東部の村へ新しい水道管を夏までに延ばすと発表した。工事は資金不足と経路をめぐる争いで二年間止まっていた。",
      "三つの村で話を聞いた住民は、同じ約束を前にも聞いたと話し、溝が何か月も空のままなのに業者がなぜ全額を受け取ったのかと尋ねた。"]
KO = ["시의회는 월요일 새 상수도관이 여름이 오기 전에 동부 마을까지 연결될 것이라고 밝혔다. 공사는 예산 부족과 노선 분쟁으로 2년 동안 멈춰 있었다.",
      "세 마을에서 만난 주민들은 이런 약속을 전에도 들었다며, 도랑이 몇 달째 비어 있는데도 왜 시공사가 공사비를 모두 받았는지 물었다."]
ES = ["El consejo comarcal anunció el lunes que la nueva tubería de agua llegará a las aldeas del este antes del verano, "
      "después de dos años de retrasos por falta de fondos y por disputas sobre el trazado.",
      "Los vecinos de tres aldeas dijeron que ya habían oído esa promesa y preguntaron por qué la zanja lleva meses vacía."]
FR = ["Le conseil régional a annoncé lundi que la nouvelle conduite d'eau atteindra les villages de l'est avant l'été, "
      "après deux ans de retard dus au manque de fonds et à des querelles sur le tracé.",
      "Les habitants de trois villages ont dit avoir déjà entendu cette promesse et demandé pourquoi la tranchée reste vide."]


@pytest.mark.parametrize(("header", "authors", "outlet"), [
    ("来源：华南日报　　作者：刘洋", ["刘洋"], "华南日报"),                  # source, then author
    ("作者：刘洋 | 来源：华南日报", ["刘洋"], "华南日报"),                   # the other order, another separator
    ("2024-03-05 10:15　来源：华南日报　作者：刘洋、周敏", ["刘洋", "周敏"], "华南日报"),   # a date field first
    ("来源：华南日报　　责任编辑：孙婷", [], "华南日报"),                   # an editor is no author
    ("来源：华南日报 作者：刘洋 2024-03-05 10:15", ["刘洋"], "华南日报"),    # a date closing the line
])
def test_a_chinese_header_line_is_read_field_by_field(header, authors, outlet):
    page, r = one_record(page_of("东部村庄输水管道夏季前通水", [header, "2024年3月5日 10:15"], ZH))
    assert (r.authors, r.outlet, r.outlet_evidence) == (authors, outlet, "source_line")
    assert r.published_date == dt.date(2024, 3, 5)
    assert r.subtitle is None and r.text == "\n\n".join(ZH)


def test_an_english_source_and_author_line_gives_both():
    _, r = one_record(page_of("Harbour board to rebuild the ferry pier", ["Author: Jane Roe · Source: Example Coast Wire",
                                                                          "March 5, 2024"], EN))
    assert (r.authors, r.outlet) == (["Jane Roe"], "Example Coast Wire")
    assert "Source:" not in r.text and r.subtitle is None


def test_a_date_and_source_line_without_an_author_gives_the_date_and_the_outlet():
    _, r = one_record(page_of("东部村庄输水管道夏季前通水", ["2024年03月05日 10:15 | 来源：华南日报"], ZH))
    assert (r.authors, r.outlet, r.published_date) == ([], "华南日报", dt.date(2024, 3, 5))
    assert r.text == "\n\n".join(ZH)


def test_a_japanese_source_and_writer_line_and_an_update_time_in_kanji():
    _, r = one_record(page_of("市議会 東部の村へ水道管を夏までに",
                              ["出典：東西通信　筆者：佐藤花子", "更新日時：2024年3月6日 9時30分", "公開日：2024年3月5日"], JA))
    assert (r.authors, r.outlet) == (["佐藤花子"], "東西通信")
    assert (r.published_date, r.modified_date) == (dt.date(2024, 3, 5), dt.date(2024, 3, 6))


@pytest.mark.parametrize(("header", "authors", "outlet"), [
    (["(부산=동서뉴스) 이영희 기자", "기사입력 2024-03-05 10:15"], ["이영희"], "동서뉴스"),   # agency dateline + reporter
    (["이영희 기자 =", "입력 2024.03.05. 오후 2:30 수정 2024.03.06. 오전 9:10"], ["이영희"], None),
])
def test_korean_wire_bylines_and_dotted_dates(header, authors, outlet):
    _, r = one_record(page_of("시의회, 동부 마을에 여름 전까지 상수도관 연결", header, KO))
    assert (r.authors, r.outlet) == (authors, outlet)
    assert r.published_date == dt.date(2024, 3, 5)
    assert r.text == "\n\n".join(KO)


LANGUAGES = {   # headline, byline, update line, publication line, paragraphs, author
    "el": ("Το λιμάνι θα ξαναχτίσει την αποβάθρα των πορθμείων", "Της Ελένης Γεωργίου",
           "Τελευταία ενημέρωση: 6 Μαρτίου 2024, 09:30", "Δημοσιεύθηκε: 5 Μαρτίου 2024",
           ["Η διοίκηση του λιμανιού ανακοίνωσε την Πέμπτη ότι η παλιά αποβάθρα των πορθμείων θα ξαναχτιστεί με πέτρα "
            "πριν από τον επόμενο χειμώνα, αφού οι περσινές καταιγίδες έκαναν το ξύλινο κατάστρωμα επικίνδυνο.",
            "Οι έμποροι της προκυμαίας χαιρέτισαν την απόφαση, αλλά αρκετοί ρώτησαν γιατί οι εργασίες θα κρατήσουν δύο χρόνια."],
           "Ελένης Γεωργίου"),
    "he": ("הנמל יבנה מחדש את רציף המעבורות", "מאת יעל לוי", "עודכן לאחרונה: 6 במרץ 2024, 09:30", "פורסם: 5 במרץ 2024",
           ["הנהלת הנמל הודיעה ביום חמישי כי רציף המעבורות הישן ייבנה מחדש מאבן לפני החורף הבא, לאחר שהסערות "
            "של השנה שעברה הפכו את סיפון העץ שלו למסוכן לנוסעים ולסירות הדיג.",
            "הסוחרים ברציף בירכו על ההחלטה, אך כמה מהם שאלו מדוע העבודות יימשכו שנתיים שלמות."],
           "יעל לוי"),
    "hi": ("बंदरगाह नौका घाट को फिर से बनाएगा", "लेखक: सुनीता वर्मा", "अंतिम अपडेट: 6 मार्च 2024, 09:30", "प्रकाशित: 5 मार्च 2024",
           ["बंदरगाह बोर्ड ने गुरुवार को कहा कि पुराने नौका घाट को अगली सर्दी से पहले पत्थर से फिर से बनाया जाएगा, क्योंकि "
            "पिछले साल के तूफानों ने उसके लकड़ी के डेक को यात्रियों और मछली पकड़ने वाली नावों के लिए असुरक्षित बना दिया था।",
            "घाट के व्यापारियों ने फैसले का स्वागत किया, लेकिन कई लोगों ने पूछा कि काम में पूरे दो साल क्यों लगेंगे।"],
           "सुनीता वर्मा"),
    "vi": ("Cảng sẽ xây lại bến phà cũ", "Tác giả: Trần Thị Mai", "Cập nhật lúc: 06/03/2024 09:30", "Ngày đăng: 05/03/2024",
           ["Ban quản lý cảng cho biết hôm thứ Năm rằng bến phà cũ sẽ được xây lại bằng đá trước mùa đông tới, sau khi "
            "những cơn bão năm ngoái khiến sàn gỗ của bến trở nên nguy hiểm cho hành khách và thuyền đánh cá.",
            "Các tiểu thương trên bến hoan nghênh quyết định này, nhưng nhiều người hỏi vì sao công trình phải kéo dài hai năm."],
           "Trần Thị Mai"),
}


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_bylines_and_update_labels_of_the_added_languages(language):
    headline, byline, updated, published, paragraphs, author = LANGUAGES[language]
    _, r = one_record(page_of(headline, [byline, updated, published], paragraphs))
    assert r.language == language
    assert r.authors == [author] and r.byline == byline and r.subtitle is None
    assert (r.published_date, r.modified_date) == (dt.date(2024, 3, 5), dt.date(2024, 3, 6))
    assert r.text == "\n\n".join(paragraphs)


def test_a_thai_byline():
    paragraphs = ["คณะกรรมการท่าเรือแถลงเมื่อวันพฤหัสบดีว่าจะสร้างท่าเรือข้ามฟากแห่งเก่าขึ้นใหม่ด้วยหินก่อนถึงฤดูหนาวหน้า "
                  "หลังจากพายุเมื่อปีที่แล้วทำให้พื้นไม้ของท่าเรือไม่ปลอดภัยสำหรับผู้โดยสารและเรือประมง",
                  "พ่อค้าแม่ค้าบนท่าเรือยินดีกับการตัดสินใจนี้ แต่หลายคนถามว่าทำไมงานนี้ต้องใช้เวลาถึงสองปีเต็ม"]
    _, r = one_record(page_of("ท่าเรือจะสร้างท่าเรือข้ามฟากขึ้นใหม่", ["โดย วิภา ศรีสุข", "5 มีนาคม 2024 10:15 น."], paragraphs))
    assert (r.authors, r.published_date) == (["วิภา ศรีสุข"], dt.date(2024, 3, 5))
    assert r.text == "\n\n".join(paragraphs)


@pytest.mark.parametrize(("header", "paragraphs", "authors", "outlet"), [
    (["Par Julie Moreau, à Nantes, le 5 mars 2024 à 9h30"], FR, ["Julie Moreau"], None),   # place and 'le' date
    (["Por Marta Ruiz | Sevilla | 05 mar 2024 - 09:30 CET"], ES, ["Marta Ruiz"], None),     # the dateline's place
    (["Por Marta Ruiz", "05.mar.2024 às 09h30"], ES, ["Marta Ruiz"], None),                  # a date joined by dots
    (["Por Marta Ruiz (EFE)", "5 de marzo de 2024"], ES, ["Marta Ruiz"], "EFE"),             # a closing agency tag
    (["Por . Marta Ruiz . PUBLICADO: . 09:30 CET, 5 de marzo de 2024 . | . ACTUALIZADO: . 11:02 CET, 5 de marzo "
      "de 2024 ."], ES, ["Marta Ruiz"], None),                                            # an inline header, long
])
def test_byline_and_date_forms_of_listed_languages(header, paragraphs, authors, outlet):
    _, r = one_record(page_of("Título de prueba sobre la tubería del este", header, paragraphs))
    assert (r.authors, r.outlet) == (authors, outlet)
    assert r.published_date == dt.date(2024, 3, 5)
    assert r.text == "\n\n".join(paragraphs)


def test_an_editor_credit_alone_names_no_author_and_is_not_text():
    """'编辑：李明' under the headline, '（责任编辑：孙婷）' under the text: credits naming no author, out of the text."""
    page, r = one_record(page_of("东部村庄输水管道夏季前通水", ["编辑：周敏", "2024年3月5日 10:15"], [*ZH, "（责任编辑：孙婷）"]))
    assert (r.authors, r.published_date) == ([], dt.date(2024, 3, 5))
    assert r.text == "\n\n".join(ZH)
