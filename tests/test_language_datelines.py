"""Opening datelines of agency copy in Chinese, Japanese, Korean and Arabic, a language's own calendar (Thai Buddhist
era years, Levantine Arabic month names), Arabic bylines, and Vietnamese names and signatures (profiles/languages.toml:
`datelines`, `shifted_years`, `year_words`, `month_names`, `names_without_spaces`, `name_words`, `signature_under_text`).

The agency a dateline names is the outlet when no byline or source line names one; the reporters it names are the
authors when no byline does; its month and day are the publication date only with a year printed elsewhere on the
page (an update date); the paragraph keeps its text as printed. Every page here was written for these tests, with
invented names.
"""

from __future__ import annotations

import datetime as dt

import pytest
from test_languages import one_record, page_of

from corpus_pkg import cues
from corpus_pkg.profiles import load_profile

JA = ["米国の金融当局は5日、政策金利を据え置くと発表した。市場では年内の利下げ観測が強まっており、関係者は今後の物価動向を注視している。",
      "当局者は記者会見で、労働市場の底堅さを指摘しつつも、景気の先行きには慎重な見方を示した。発表を受けて株価は小幅に上昇した。"]
ZH = ["国家统计局5日发布数据显示，今年前两个月全国规模以上工业增加值同比增长，增速比去年全年加快，主要行业生产保持稳定。",
      "国家统计局有关负责人表示，下一步将继续加强监测分析，推动经济持续回升向好。多位专家认为，相关政策效果正在逐步显现。"]
KO = ["정부는 5일 올해 1분기 경제정책방향을 발표하고 물가 안정과 내수 회복에 주력하겠다고 밝혔다. 기획재정부는 이날 관계부처 합동 회의를 열었다.",
      "정부 관계자는 수출 회복세가 이어지고 있지만 고금리 영향으로 내수는 여전히 부진하다고 설명했다. 전문가들은 하반기 반등을 예상했다."]
AR = ["أعلنت وزارة النقل يوم الثلاثاء أن الجسر القديم فوق النهر سيعاد بناؤه بالكامل قبل فصل الشتاء المقبل، بعد أن أدت "
      "العواصف في العام الماضي إلى إغلاقه أمام السيارات والمشاة.",
      "ورحب التجار في السوق القريب بالقرار، لكن كثيرين منهم تساءلوا عن سبب استغراق الأعمال عامين كاملين بينما أنجز جسر مماثل "
      "في ثمانية أشهر."]
TH = ["คณะกรรมการท่าเรือแถลงเมื่อวันพฤหัสบดีว่าจะสร้างท่าเรือข้ามฟากแห่งเก่าขึ้นใหม่ด้วยหินก่อนถึงฤดูหนาวหน้า "
      "หลังจากพายุเมื่อปีที่แล้วทำให้พื้นไม้ของท่าเรือไม่ปลอดภัยสำหรับผู้โดยสารและเรือประมง",
      "พ่อค้าแม่ค้าบนท่าเรือยินดีกับการตัดสินใจนี้ แต่หลายคนถามว่าทำไมงานนี้ต้องใช้เวลาถึงสองปีเต็ม"]
HEADLINES = {"ja": "米金融当局、政策金利を据え置き", "zh": "前两月规模以上工业增加值同比增长", "ko": "정부, 1분기 경제정책방향 발표",
             "ar": "إعادة بناء الجسر القديم قبل الشتاء", "th": "ท่าเรือจะสร้างท่าเรือข้ามฟากขึ้นใหม่"}
TEXTS = {"ja": JA, "zh": ZH, "ko": KO, "ar": AR, "th": TH}


@pytest.mark.parametrize(("language", "header", "dateline", "authors", "outlet"), [
    ("ja", ["2024年3月6日 10時15分"], "【ニューヨーク共同】", [], "共同通信"),          # the place, then the agency
    ("ja", ["2024/03/06 10:15"], "【ワシントン時事】", [], "時事通信"),
    ("ja", ["2024年3月6日"], "【パリAFP時事】", [], "時事通信"),                     # a relayed agency: the last
    ("ja", ["2024年3月6日"], "【ワシントン＝山田太郎】", ["山田太郎"], None),          # the place and the reporter
    ("ja", ["2024年3月6日"], "【北京＝共同】", [], "共同通信"),                       # an agency where a reporter goes
    ("zh", ["2024-03-05 10:15"], "新华社北京3月5日电（记者 张三）", ["张三"], "新华社"),
    ("zh", ["2024-03-05 10:15"], "中新网上海3月5日电 （记者 李四）", ["李四"], "中国新闻网"),
    ("zh", ["2024-03-05 10:15"], "新华社华盛顿3月4日电（记者张三、李四）", ["张三", "李四"], "新华社"),
    ("zh", ["2024-03-05 10:15"], "本报北京3月5日讯（记者 王五 赵六）", ["王五", "赵六"], None),   # the paper's own
    ("zh", ["2024-03-05 10:15"], "央视网消息（记者 王五）：", ["王五"], "央视网"),                  # no date
    ("zh", ["2024-03-05 10:15"], "新华社消息，", [], "新华社"),
    ("zh", ["2024-03-05 10:15"], "本报讯（记者 赵六）", ["赵六"], None),
    ("ko", ["입력 2024.03.05. 오후 2:30"], "(서울=연합뉴스) 홍길동 기자 = ", ["홍길동"], "연합뉴스"),
    ("ko", ["2024-03-05 14:30"], "(세종=뉴스1) 홍길동 김영희 기자 = ", ["홍길동", "김영희"], "뉴스1"),
    ("ko", ["2024-03-05 14:30"], "[서울=뉴시스]홍길동 기자 = ", ["홍길동"], "뉴시스"),
    ("ko", ["2024-03-05 14:30"], "[아시아경제 홍길동 기자] ", ["홍길동"], "아시아경제"),     # the paper's own name
    ("ko", ["2024-03-05 14:30"], "[동서일보 홍길동·김영희 기자] ", ["홍길동", "김영희"], "동서일보"),
    ("ar", ["٥ مارس ٢٠٢٤"], "بغداد - أحمد علي: ", ["أحمد علي"], None),                  # the place and the reporter
    ("ar", ["٥ مارس ٢٠٢٤"], "القاهرة - (أ ف ب): ", [], "Agence France-Presse"),      # an agency in brackets
    ("ar", ["٥ مارس ٢٠٢٤"], "بيروت - (رويترز) - ", [], "رويترز"),
    ("ar", ["٥ مارس ٢٠٢٤"], "لندن: «الشرق الجديد»: ", [], "الشرق الجديد"),        # the paper's own name
])
def test_an_agency_dateline_gives_the_outlet_and_the_reporters(language, header, dateline, authors, outlet):
    first = dateline + TEXTS[language][0]
    _, r = one_record(page_of(HEADLINES[language], header, [first, *TEXTS[language][1:]]))
    assert (r.authors, r.outlet) == (authors, outlet)
    assert r.outlet_evidence == ("dateline" if outlet else None)
    assert r.text.split("\n\n")[0] == first       # the paragraph as printed
    assert r.published_date is not None


@pytest.mark.parametrize(("header", "authors", "outlet"), [
    (["作者：刘洋"], ["刘洋"], "新华社"),                   # a byline's author comes first, the agency stays the outlet
    (["来源：华南日报"], ["张三"], "华南日报"),              # a source line names the outlet first
])
def test_a_byline_or_source_line_comes_before_the_dateline(header, authors, outlet):
    first = "新华社北京3月5日电（记者 张三）" + ZH[0]
    _, r = one_record(page_of(HEADLINES["zh"], [*header, "2024-03-05 10:15"], [first, ZH[1]]))
    assert (r.authors, r.outlet) == (authors, outlet)


@pytest.mark.parametrize(("header", "published"), [
    (["更新时间：2024-03-06 09:30"], dt.date(2024, 3, 5)),     # the year of the update date
    (["更新时间：2025-01-02 09:30"], dt.date(2024, 3, 5)),     # an update in the next year: the year before
    ([], None),                                                 # no year anywhere: no date
])
def test_a_datelines_month_and_day_need_a_year_printed_elsewhere(header, published):
    first = "新华社北京3月5日电（记者 张三）" + ZH[0]
    _, r = one_record(page_of(HEADLINES["zh"], header, [first, ZH[1]]))
    assert r.published_date == published
    assert (r.authors, r.outlet) == (["张三"], "新华社")


def test_a_known_agency_must_be_glued_to_a_place_written_without_spaces():
    es = cues.compile_cues(load_profile().cues_for("es"), "es")
    from corpus_pkg.registry import outlet_key
    known = frozenset({outlet_key("AP")})
    assert cues.read_dateline("LONDRES (Apple) - El grupo presentó", es, frozenset(), known, outlet_key) is None
    assert cues.read_dateline("LONDRES (AP) - El grupo presentó", es, frozenset(), known, outlet_key).agency == "AP"


@pytest.mark.parametrize(("line", "date"), [
    ("5 มีนาคม 2567 10:15 น.", dt.date(2024, 3, 5)),                  # a Buddhist era year
    ("วันอังคารที่ 5 มีนาคม พ.ศ. 2567", dt.date(2024, 3, 5)),          # with the era's word
    ("วันที่ 5 มี.ค. 2567 เวลา 10:15 น.", dt.date(2024, 3, 5)),        # an abbreviated month
    ("5 ธ.ค. 2566", dt.date(2023, 12, 5)),
    ("เผยแพร่: 5 มี.ค. 67 10:15 น.", dt.date(2024, 3, 5)),            # a two-digit year of the era
    ("5 ธ.ค. 66", dt.date(2023, 12, 5)),
    ("5 มีนาคม 2024", dt.date(2024, 3, 5)),                            # a Common Era year stays
])
def test_thai_dates_in_the_buddhist_era(line, date):
    _, r = one_record(page_of(HEADLINES["th"], ["โดย วิภา ศรีสุข", line], TH))
    assert (r.authors, r.published_date) == (["วิภา ศรีสุข"], date)
    assert r.text == "\n\n".join(TH)


def test_an_hour_after_a_month_name_is_no_year():
    th = cues.compile_cues(load_profile().cues_for("th"), "th")
    assert cues.read_dates("5 มี.ค. 10:15 น.", th) is None
    assert cues.read_dates("5 มี.ค. 2567.", th).published.value == dt.date(2024, 3, 5)


def test_the_era_is_the_languages_data(tmp_path):
    """Another language's era is one value of its table: years of the Solar Hijri calendar are not a fixed offset,
    so the test uses an invented era of 100 years."""
    th = cues.compile_cues(load_profile().cues_for("th"), "th")
    assert cues.read_dates("5 มีนาคม 2567", th).published.value == dt.date(2024, 3, 5)
    en = cues.compile_cues(load_profile().cues_for("en"), "en")
    assert cues.read_dates("5 March 2567", en) is None     # no era in English: no date
    profile = tmp_path / "era.toml"
    profile.write_text('[language.en]\nshifted_years = { "2100-2199" = -100 }\n', encoding="utf-8")
    shifted = cues.compile_cues(load_profile((profile,)).cues_for("en"), "en")
    assert cues.read_dates("5 March 2124", shifted).published.value == dt.date(2024, 3, 5)


@pytest.mark.parametrize(("line", "date"), [
    ("٥ آذار ٢٠٢٤", dt.date(2024, 3, 5)),                       # Arabic-Indic digits, a Levantine month
    ("الثلاثاء 5 آذار 2024 - 10:15", dt.date(2024, 3, 5)),
    ("نشر في: 12 كانون الأول 2023", dt.date(2023, 12, 12)),     # a month name of two words
    ("١٠ تشرين الثاني ٢٠٢٣", dt.date(2023, 11, 10)),
    ("٥ مارس ٢٠٢٤", dt.date(2024, 3, 5)),                       # the Egyptian and Gulf name, as before
])
def test_arabic_dates_with_levantine_month_names(line, date):
    _, r = one_record(page_of(HEADLINES["ar"], ["كتب: أحمد علي", line], AR))
    assert (r.authors, r.published_date) == (["أحمد علي"], date)
    assert r.text == "\n\n".join(AR)


@pytest.mark.parametrize("byline", ["كتب - أحمد علي", "كتب: أحمد علي", "بقلم - أحمد علي"])
def test_an_arabic_byline_prefix_with_a_dash_or_a_colon(byline):
    _, r = one_record(page_of(HEADLINES["ar"], [byline, "٥ مارس ٢٠٢٤"], AR))
    assert (r.authors, r.byline) == (["أحمد علي"], byline)


VI = ["Ban quản lý cảng cho biết hôm thứ Năm rằng bến phà cũ sẽ được xây lại bằng đá trước mùa đông tới, sau khi "
      "những cơn bão năm ngoái khiến sàn gỗ của bến trở nên nguy hiểm cho hành khách và thuyền đánh cá.",
      "Các tiểu thương trên bến hoan nghênh quyết định này, nhưng nhiều người hỏi vì sao công trình phải kéo dài hai năm."]
VI_HEADLINE = "Cảng sẽ xây lại bến phà cũ"


@pytest.mark.parametrize(("header", "signature", "author"), [
    (["Thứ ba, 5/3/2024, 10:15 (GMT+7)"], ["Nguyễn Văn An"], "Nguyễn Văn An"),     # signed under the text
    (["Thứ ba, 5/3/2024, 10:15 (GMT+7)"], ["Theo An Nhiên"], "An Nhiên"),
    (["Thứ Ba, 05/03/2024 - 10:15"], ["Lê Thị Bình"], "Lê Thị Bình"),
    (["Nguyễn Văn An", "Thứ Ba, 05/03/2024 - 10:15"], [], "Nguyễn Văn An"),         # a name line under the headline
    (["Nguyen Van An", "05/03/2024 10:15 GMT+7"], [], "Nguyen Van An"),             # written without its marks
    (["Theo An Nhiên", "05/03/2024 10:15 GMT+7"], [], "An Nhiên"),
    (["Tác giả: Lê Thị An", "Thứ ba, 5/3/2024, 10:15 (GMT+7)"], [], "Lê Thị An"),
    (["Bài: Lê Hoàng Nam - Ảnh: Phạm Minh", "5/3/2024"], [], "Lê Hoàng Nam"),      # the photographer is no author
])
def test_vietnamese_names_that_are_english_function_words_and_signatures(header, signature, author):
    _, r = one_record(page_of(VI_HEADLINE, header, [*VI, *signature]))
    assert (r.authors, r.published_date) == ([author], dt.date(2024, 3, 5))
    assert r.subtitle is None and r.text == "\n\n".join(VI)


def test_a_name_under_the_text_signs_it_only_where_the_language_signs_so():
    from test_languages import EN
    _, r = one_record(page_of("Harbour board to rebuild the ferry pier", ["March 5, 2024"], [*EN, "Jane Roe"]))
    assert r.authors == []
    _, r = one_record(page_of(VI_HEADLINE, ["Tác giả: Lê Thị Bình", "5/3/2024"], [*VI, "Nguyễn Văn An"]))
    assert r.authors == ["Lê Thị Bình"]        # a byline above comes first


@pytest.mark.parametrize("line", ["Thứ ba, 5/3/2024, 10:15 (GMT+7)", "Thứ Ba, 05-03-2024, 10:15", "Thứ Ba, 10:15, 05/03/2024",
                                  "10:15 ngày 05/03/2024", "ngày 5 tháng 3 năm 2024", "Thứ Ba, ngày 05 tháng 03 năm 2024"])
def test_vietnamese_date_forms(line):
    _, r = one_record(page_of(VI_HEADLINE, ["Tác giả: Lê Thị Bình", line], VI))
    assert (r.authors, r.published_date) == (["Lê Thị Bình"], dt.date(2024, 3, 5))
    assert r.text == "\n\n".join(VI)


@pytest.mark.parametrize(("language", "paragraph"), [
    ("ar", "عمان - الرأي: أعلنت الوزارة أن الجسر سيعاد بناؤه"),            # one word after the place: a newspaper
    ("ar", "القاهرة - وكالة الأنباء: أعلنت الوزارة أن الجسر سيعاد بناؤه"),  # an organisation word
    ("ar", "بغداد - مراسل الصباح: أعلنت الوزارة أن الجسر سيعاد بناؤه"),     # a job title
    ("ar", "قال الوزير أحمد علي: إن الجسر سيعاد بناؤه قبل الشتاء"),          # a sentence quoting someone
    ("zh", "据消息人士透露，国家统计局将于近日发布数据。"),                   # 'news' in a sentence
    ("zh", "记者从消息人士处获悉，国家统计局将于近日发布数据。"),
    ("zh", "最新消息，国家统计局将于近日发布数据。"),                         # no agency, no reporter
    ("ja", "【速報】米国の金融当局は5日、政策金利を据え置くと発表した。"),      # a rubric in the brackets
])
def test_an_opening_names_nothing_unless_it_reads_as_a_dateline(language, paragraph):
    from corpus_pkg.extract import Extractor
    from corpus_pkg.registry import load_registry, outlet_key
    extractor = Extractor(load_profile(), load_registry())
    assert cues.read_dateline(paragraph, extractor.line_cues(language), extractor.organisation_words,
                              extractor.known_outlets, outlet_key) is None


@pytest.mark.parametrize(("header", "tail"), [
    (["입력 2024.03.05. 오후 2:30"], ["홍길동 기자 hong@example.co.kr"]),        # signed under the text, an address
    (["홍길동 기자 hong@example.co.kr", "입력 2024.03.05. 오후 2:30"], []),       # the same under the headline
])
def test_a_korean_reporter_with_an_email_address(header, tail):
    page, r = one_record(page_of(HEADLINES["ko"], header, [*KO, *tail]))
    assert (r.authors, r.published_date) == (["홍길동"], dt.date(2024, 3, 5))
    assert r.text == "\n\n".join(KO) and r.subtitle is None


def test_a_korean_byline_joining_names_with_a_middle_dot():
    """'·' separates a byline's parts elsewhere ('Jane Roe · Example News'); in Korean it joins names."""
    _, r = one_record(page_of(HEADLINES["ko"], ["홍길동·김영희 기자", "입력 2024.03.05. 오후 2:30"], KO))
    assert (r.authors, r.published_date) == (["홍길동", "김영희"], dt.date(2024, 3, 5))
