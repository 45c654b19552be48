"""Dates of text pages in the forms a new user's corpora print them (pages written for these tests): a month name
spelled as in English after a day with a dot ('12. April 2024'), an ambiguous numeric date with a US clock or
month-first dates elsewhere on its page, and an update date printed alone."""

from __future__ import annotations

import datetime as dt

import pytest

from corpus_pkg import cues
from test_extraction import PARA, PARA2, PARA3, analyse

DE = ["Der Gemeinderat hat am Dienstag mit großer Mehrheit den Bau einer neuen Brücke über den Fluss beschlossen. "
      "Sie soll rund dreihundert Meter lang werden und zwei Fahrspuren sowie einen breiten Radweg haben.",
      "Die Kosten werden auf achtzig Millionen Euro geschätzt. Ein Großteil soll aus Mitteln des Landes kommen, "
      "wie die Baudezernentin nach der Sitzung den wartenden Journalisten sagte.",
      "Kritik kam von Anwohnern, die während der Bauzeit Lärm, Staub und lange Umleitungen fürchten."]
NO = ["Kommunestyret vedtok tirsdag med stort flertall å bygge en ny bro over elva. Den blir omtrent tre hundre "
      "meter lang og får to kjørefelt og en bred sykkelvei på begge sider.",
      "Kostnadene er anslått til åtte hundre millioner kroner. Det meste av pengene kommer fra staten og fylket, "
      "sa byråden for samferdsel etter møtet i rådhuset.",
      "Beboere frykter støy, støv og lange omkjøringer i byggeperioden, som skal vare i tre år."]
DA = ["Byrådet vedtog tirsdag med stort flertal at bygge en ny bro over åen. Den bliver omkring tre hundrede meter "
      "lang og får to kørebaner og en bred cykelsti på begge sider af vejen.",
      "Udgifterne anslås til otte hundrede millioner kroner. De fleste af pengene kommer fra staten og regionen, "
      "sagde rådmanden for trafik efter mødet på rådhuset.",
      "Beboerne frygter støj, støv og lange omkørsler i byggeperioden, som skal vare i tre år."]


def one(lines: list[str], paragraphs: list[str]):
    body = [line for p in paragraphs for line in ("", p)]
    _, records = analyse("\n".join(lines + body) + "\n")
    assert len(records) == 1
    return records[0]


@pytest.mark.parametrize("printed, day", [("12. April 2024", "2024-04-12"), ("3. August 2023", "2023-08-03"),
                                          ("30. September 2022", "2022-09-30"), ("1. November 2024", "2024-11-01"),
                                          ("7. Dezember 2024", "2024-12-07"), ("12. april 2024", "2024-04-12"),
                                          ("5. Mar. 2024", "2024-03-05")])
def test_a_month_name_spelled_as_in_english_after_a_day_with_a_dot(printed, day):
    found = cues.find_dates(printed, ("de", "en"))
    assert [f.value.isoformat() for f in found] == [day]


@pytest.mark.parametrize("lines, paragraphs, day", [
    (["Gemeinderat beschließt neue Brücke", "", "12. August 2024, 14:30 Uhr"], DE, "2024-08-12"),
    (["Gemeinderat beschließt neue Brücke", "", "Von Anna Schmidt", "12. April 2024"], DE, "2024-04-12"),
    (["Kommunestyret vedtar ny bro", "", "Av Kari Nordmann", "12. september 2024 kl. 14.30"], NO, "2024-09-12"),
    (["Byrådet vedtager ny bro", "", "12. november 2024 kl. 09.15"], DA, "2024-11-12"),
])
def test_a_date_line_with_an_english_spelled_month_dates_the_page_and_leaves_the_text(lines, paragraphs, day):
    r = one(lines, paragraphs)
    assert r.published_date is not None and r.published_date.isoformat() == day
    assert r.text.startswith(paragraphs[0][:30])     # the date line is metadata, not the first paragraph


@pytest.mark.parametrize("line", ["04/12/2024 03:45 PM", "4/12/2024 3:45 PM ET", "Posted 04-12-2024 at 9:05 a.m. EDT",
                                  "By Jo Park | 04/12/2024 3:45pm PT"])
def test_an_ambiguous_numeric_date_beside_a_us_clock_is_month_first(line):
    r = one(["Council Approves New Bridge Over the River", line], [PARA, PARA2, PARA3])
    assert r.published_date == dt.date(2024, 4, 12), line


@pytest.mark.parametrize("line, day", [("04/12/2024", dt.date(2024, 12, 4)), ("04.12.2024 03:45 PM", dt.date(2024, 12, 4)),
                                       ("04/12/2024 03:45 PM IST", dt.date(2024, 12, 4)),
                                       ("04/12/2024, 15:45", dt.date(2024, 12, 4))])
def test_without_month_first_evidence_numeric_dates_stay_day_first(line, day):
    r = one(["Council Approves New Bridge Over the River", line], [PARA, PARA2, PARA3])
    assert r.published_date == day, line


def test_the_pages_unambiguous_numeric_dates_decide_the_order_of_its_ambiguous_one():
    us = one(["Council Approves New Bridge Over the River", "Published 04/12/2024", "Updated 04/15/2024"],
             [PARA, PARA2, PARA3])
    assert (us.published_date, us.modified_date) == (dt.date(2024, 4, 12), dt.date(2024, 4, 15))
    eu = one(["Council Approves New Bridge Over the River", "Published 04/12/2024", "Updated 15/12/2024"],
             [PARA, PARA2, PARA3])
    assert (eu.published_date, eu.modified_date) == (dt.date(2024, 12, 4), dt.date(2024, 12, 15))


ES = ["El pleno del ayuntamiento aprobó el martes por amplia mayoría la construcción de un nuevo puente sobre el río, "
      "que tendrá unos trescientos metros de longitud y dos carriles para coches.",
      "El coste se estima en ochenta millones de euros, financiados en su mayor parte por el gobierno regional, según "
      "explicó la concejala de urbanismo al término de la sesión.",
      "Los vecinos temen el ruido, el polvo y los desvíos durante las obras, que durarán tres años."]
RU = ["Городской совет во вторник большинством голосов одобрил строительство нового моста через реку. Его длина "
      "составит около трёхсот метров, на нём будут две полосы движения и широкая велодорожка.",
      "Стоимость проекта оценивается в восемь миллиардов рублей, большую часть средств выделит областной бюджет, "
      "сообщила после заседания заместитель мэра.",
      "Жители опасаются шума, пыли и объездов во время строительства, которое продлится три года."]


@pytest.mark.parametrize("lines, paragraphs", [
    (["Council Approves New Bridge Over the River", "By Jane Roe", "Updated April 13, 2024 9:12 AM"], [PARA, PARA2, PARA3]),
    (["El ayuntamiento aprueba un nuevo puente", "María López", "Madrid - Actualizado: 13/04/2024 09:12h"], ES),
    (["Горсовет одобрил строительство моста", "Обновлено 13.04.2024 09:12"], RU),
])
def test_an_update_date_printed_alone_is_no_publication_date(lines, paragraphs):
    r = one(lines, paragraphs)
    assert r.modified_date == dt.date(2024, 4, 13)
    assert r.published_date is None and r.published_date_text is None


# -- dates of other calendars ------------------------------------------------------------------------------------

AR = ["أقرت الحكومة يوم الخميس ميزانية جديدة لقطاع التعليم تتضمن زيادة كبيرة في رواتب المعلمين وبناء مدارس جديدة "
      "في المناطق الريفية خلال السنوات الثلاث المقبلة.",
      "وقال وزير المالية في مؤتمر صحفي إن الميزانية الجديدة ستمول من عائدات الضرائب ومن قرض دولي طويل الأجل.",
      "ورحبت نقابة المعلمين بالقرار لكنها طالبت بجدول زمني واضح لتنفيذه في جميع المحافظات."]
FA = ["دولت روز پنجشنبه بودجه جدیدی برای بخش آموزش تصویب کرد که افزایش حقوق معلمان و ساخت مدارس جدید در مناطق "
      "روستایی را در سه سال آینده شامل می‌شود.",
      "وزیر اقتصاد در یک نشست خبری گفت که این بودجه از محل درآمدهای مالیاتی و یک وام بلندمدت تأمین خواهد شد.",
      "اتحادیه معلمان از این تصمیم استقبال کرد اما خواستار جدول زمانی روشنی برای اجرای آن در همه استان‌ها شد."]
JA = ["市は十二日、来月から家庭ごみの収集曜日を変更すると発表した。燃えるごみは週二回のままとし、資源ごみの回収日を増やす。",
      "新しい収集日程は広報紙と市のホームページで知らせるという。町内会を通じた説明会も予定している。",
      "問い合わせは市の環境課で受け付けている。受付時間は平日の午前九時から午後五時まで。"]


@pytest.mark.parametrize("lines, paragraphs, day", [
    (["دولت بودجه جدید آموزش را تصویب کرد", "", "جمعه ۲۴ فروردین ۱۴۰۳"], FA, "2024-04-12"),
    (["دولت بودجه جدید آموزش را تصویب کرد", "", "نویسنده: علی رضایی", "۱ مهر ۱۴۰۲ - ۱۴:۳۰"], FA, "2023-09-23"),
    (["الحكومة تقر ميزانية جديدة للتعليم", "", "الجمعة 3 شوال 1445 هـ - 12 أبريل 2024 م"], AR, "2024-04-12"),
    (["الحكومة تقر ميزانية جديدة للتعليم", "", "الخميس 12 ربيع الأول 1445 هـ"], AR, "2023-09-27"),
    (["市、ごみ収集の曜日を変更へ", "", "令和6年4月12日"], JA, "2024-04-12"),
    (["市、ごみ収集の曜日を変更へ", "", "平成元年1月8日 10:00"], JA, "1989-01-08"),
])
def test_a_date_of_another_calendar_is_read_as_its_gregorian_date(lines, paragraphs, day):
    r = one(lines, paragraphs)
    assert r.published_date is not None and r.published_date.isoformat() == day, lines[-1]
    assert r.text.startswith(paragraphs[0][:20])     # the date line is metadata, not the first paragraph


def test_the_gregorian_date_printed_beside_a_hijri_one_is_the_one_kept():
    r = one(["الحكومة تقر ميزانية جديدة للتعليم", "", "الجمعة 4 شوال 1445 هـ - 12 أبريل 2024 م"], AR)
    assert (r.published_date, r.published_date_text) == (dt.date(2024, 4, 12), "12 أبريل 2024")


def test_a_month_name_of_another_calendar_is_not_read_in_this_one():
    from corpus_pkg.cues.calendars import CalendarCues

    assert CalendarCues.of({}, ["hijri"]).dates("24 فروردین 1403") == []
    assert CalendarCues.of({}, ["jalali"]).dates("3 شوال 1445") == []
    with pytest.raises(ValueError, match="unknown calendar"):
        CalendarCues.of({}, ["mayan"])


def test_years_of_a_shifted_calendar_are_one_table_entry(tmp_path):
    """A calendar with the Gregorian months whose years are shifted (the Buddhist era: 2567 is 2024) is one entry of
    a language's table, here a user's profile file; a Gregorian year on the same page stays as printed."""
    from corpus_pkg.cues.calendars import CalendarCues

    shifted = CalendarCues.of({}, [], {"2400-2699": -543})
    assert [f.value for f in cues.find_dates("12 เมษายน 2567", ("th", "en"), shifted)] == [dt.date(2024, 4, 12)]
    assert [f.value for f in cues.find_dates("12/04/2024", ("th", "en"), shifted)] == [dt.date(2024, 4, 12)]
    profile = tmp_path / "buddhist.toml"
    profile.write_text('[language.en]\nshifted_years = { "2400-2699" = -543 }\n', encoding="utf-8")
    text = "\n".join(["Council Approves New Bridge Over the River", "By Jane Roe", "12 April 2567", "", PARA, "", PARA2,
                      "", PARA3]) + "\n"
    _, records = analyse(text, extra_profiles=(profile,))
    assert records[0].published_date == dt.date(2024, 4, 12)
    with pytest.raises(ValueError, match="no range"):
        CalendarCues.of({}, [], {"2567": -543})
