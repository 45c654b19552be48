"""Headlines in languages that print them in sentence case (French, Russian...): a masthead or the previous post's
footer above the headline is not the title, and a standfirst is told from the headline by its shape, not its case
(`profiles/languages.toml`: title_case_headlines)."""

from __future__ import annotations

from test_extraction import analyse, page_of

from corpus_pkg.profiles import load_profile


FR = [
    "La tempête a balayé la côte dans la nuit de vendredi à samedi, avec des rafales qui ont dépassé les cent "
    "kilomètres par heure sur les caps, et des milliers de foyers sont restés privés d'électricité jusqu'au matin.",
    "Les pompiers sont intervenus plus de six cents fois, le plus souvent pour des arbres tombés sur les routes et "
    "sur les lignes, et la préfecture a demandé aux habitants de limiter leurs déplacements pendant le week-end.",
    "Les élus du littoral ont réclamé un bilan précis des dégâts avant la fin du mois, afin que les communes les plus "
    "touchées puissent demander l'aide de l'État pour réparer les digues et les routes de la côte.",
]
FR_OTHER = [
    "Le festival de musique de la ville a dévoilé vendredi la programmation de sa prochaine édition, qui accueillera "
    "une trentaine de groupes venus de toute la région pendant trois jours au début de l'été prochain.",
    "Les organisateurs ont annoncé une hausse modérée du prix des billets, qu'ils justifient par le coût de la "
    "sécurité et de la location de la scène, et promettent des tarifs réduits pour les étudiants de la ville.",
    "La billetterie ouvrira le premier décembre, et les organisateurs conseillent de réserver tôt, car les places "
    "des deux dernières éditions avaient toutes été vendues en moins d'une semaine après l'ouverture.",
]
RU = [
    "Строительство нового моста через реку начнётся весной, сообщили в администрации района, и продлится около двух "
    "лет, после чего жители правого берега смогут добираться до центра города за десять минут вместо часа.",
    "Жители района давно просили построить мост, потому что паром ходит только летом, а зимой им приходится ездить "
    "в объезд через соседний город, что занимает больше часа в каждую сторону даже в хорошую погоду.",
    "Депутаты районного совета одобрили проект на прошлой неделе, и теперь администрация объявит конкурс на "
    "строительство, в котором, как ожидается, примут участие несколько крупных компаний из области.",
]


def test_a_masthead_and_a_translated_post_footer_above_french_headlines_are_not_titles():
    text = page_of("Le Courrier de la Baie — Les nouvelles de la semaine",
                   "Tempête sur la côte : des milliers de foyers privés d'électricité", "Par Julien Moreau",
                   "Publié le 4 novembre 2023", *FR, "Publié dans Actualités | Laisser un commentaire",
                   "Le festival de musique annonce sa programmation", "Par Léa Fontaine", "Publié le 3 novembre 2023",
                   *FR_OTHER, "Publié dans Culture | Laisser un commentaire")
    page, records = analyse(text)
    articles = [r for r in records if r.kind == "article"]
    assert [r.title for r in articles] == ["Tempête sur la côte : des milliers de foyers privés d'électricité",
                                           "Le festival de musique annonce sa programmation"]
    assert [r.authors for r in articles] == [["Julien Moreau"], ["Léa Fontaine"]]
    footers = [b for b in page.blocks if b.text.startswith("Publié dans")]
    assert footers and all(b.cls == "furniture" and b.furniture.kind == "host_footer" for b in footers)


def test_a_masthead_above_a_russian_headline_is_not_its_title():
    text = page_of("Вестник Приречья — Новости недели", "В Заречном районе построят новый мост через реку",
                   "Автор: Игорь Петров", "Опубликовано 5 марта 2024", *RU, "Другие новости",
                   "Городская библиотека открыла выставку детского рисунка", "Автор: Анна Смирнова",
                   "Опубликовано 4 марта 2024", *FR_OTHER)
    _, records = analyse(text)
    assert records[0].title == "В Заречном районе построят новый мост через реку"


def test_a_french_standfirst_is_told_from_its_headline_by_its_shape():
    """Headline, then a standfirst (twice as long, in the same sentence case), then the byline: the headline is the
    title and the standfirst its subtitle, as in English where the case tells them apart."""
    standfirst = "Les rafales ont dépassé cent kilomètres par heure et la préfecture demande aux habitants de rester chez eux"
    text = page_of("Le Courrier de la Baie — Les nouvelles de la semaine",
                   "Tempête sur la côte : des foyers sans électricité", standfirst,
                   "Par Julien Moreau", "Publié le 4 novembre 2023", *FR,
                   "Le festival de musique annonce sa programmation", "Par Léa Fontaine", "Publié le 3 novembre 2023",
                   *FR_OTHER)
    _, records = analyse(text)
    assert records[0].title == "Tempête sur la côte : des foyers sans électricité"
    assert records[0].subtitle == standfirst


def test_a_profile_file_can_say_a_language_prints_title_case_headlines(tmp_path):
    """Data, not code: a user's profile states the convention for a language; English's stays stated."""
    mine = tmp_path / "mine.toml"
    mine.write_text("[language.fr]\ntitle_case_headlines = true\n", encoding="utf-8")
    assert load_profile((mine,)).title_case("fr") and not load_profile(()).title_case("fr")
    assert load_profile(()).title_case("en") and load_profile(()).title_case(None)
    assert load_profile((mine,)).cues_for("fr").byline_prefixes == load_profile(()).cues_for("fr").byline_prefixes
