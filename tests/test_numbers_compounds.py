"""Number forms of general news (issue 13): "one" where it counts something, "one in five",
compounds ("12-hour shifts", "a 12-point lead", "a 10.6-billion-euro plan"), a money magnitude
before a plural noun ("5m offences"), "from 630 to 719" after a change word, "the four charges",
and currency symbols left as HTML entities by scraped pages ("pound;34m"). Sentences written
for these tests."""
import pytest

from claimscope.extract.numbers import find_figures


def read(text, lang="en"):
    return [(text[f.start:f.end], f.value, f.value_high, f.unit) for f in find_figures(text, lang)]


@pytest.mark.parametrize("text, expected", [
    ("At least one person was killed.", [("At least one", 1, None, None)]),
    ("Only one hostage was freed on Sunday.", [("one", 1, None, None)]),
    # any noun, when what befell it follows
    ("In the last 24 hours, one UNRWA colleague was killed.", [("one", 1, None, None)]),
    ("Labour is up one point on last week.", [("one", 1, None, None)]),
    ("One in five adults said they would vote.", [("One in five", 20, None, "percent")]),
    ("Roughly one in every 35 residents was displaced.", [("one in every 35", 100 / 35, None, "percent")]),
    ("They hold a 12-point lead.", [("12-point", 12, None, "point")]),
    ("Nurses work 12-hour shifts.", [("12-hour", 12, None, "hour")]),
    ("Maduro began a six-year term.", [("six-year", 6, None, "year")]),  # in words as in digits
    ("The cabinet approved a 10.6-billion-euro plan.", [("10.6-billion-euro", 1.06e10, None, "eur")]),
    ("Crime rose to nearly 5m offences.", [("5m", 5e6, None, None)]),
    ("He was cleared of the four charges.", [("four", 4, None, None)]),
    ("Councils face cuts of pound;34m and &pound;3m.", [("pound;34m", 3.4e7, None, "gbp"), ("&pound;3m", 3e6, None, "gbp")]),
])
def test_general_news_forms(text, expected):
    got = read(text)
    for span, value, high, unit in expected:
        match = [g for g in got if span in g[0] or g[0] in span]
        assert match, (span, got)
        assert match[0][1] == pytest.approx(value) and match[0][2] == high
        if unit:
            assert match[0][3] == unit


@pytest.mark.parametrize("text", [
    "One of them said one day he would go.",    # a pronoun, a time
    "One of them was killed, one reason was the cold.",  # a pronoun's part; no fate after the noun
    "They fought one another.",
    "The 3-D maps and 9-mm rounds.",            # a code, a calibre
    "The wall is 35m deep.",                     # metres, not millions
])
def test_what_stays_no_count(text):
    assert all(g[3] != "percent" and g[1] not in (1, 3e6, 9, 3.5e7) for g in read(text)), read(text)


def test_from_to_after_a_change_word_is_two_figures_else_a_range():
    two = read("The figures showed a 14% increase in homicides, from 630 to 719.")
    assert [(g[1], g[2]) for g in two][-2:] == [(630, None), (719, None)]
    assert [(g[1], g[2]) for g in read("He faces from 10 to 15 years in prison.")] == [(10, 15)]
    fr = find_figures("Le chômage est en hausse, passant de 7,1 % à 7,4 %. Il risque de 10 à 15 ans.", "fr")
    assert [(f.value, f.value_high) for f in fr] == [(7.1, None), (7.4, None), (10, 15)]
    # the change word may be the opener's own: "est passé de", "s'est alourdi de"
    fr = find_figures("Le nombre de morts est passé de 200 à 300. Le bilan s'est alourdi de 300 à 350 morts.", "fr")
    assert [(f.value, f.value_high) for f in fr] == [(200, None), (300, None), (300, None), (350, None)]
    # the level before takes the level after's unit when it has none of its own
    assert [(g[1], g[3]) for g in read("Le taux est passé de 4 à 6 %.", "fr")] == [(4, "percent"), (6, "percent")]
    assert [(g[1], g[3]) for g in read("Inflation rose from 2 to 3 per cent.")] == [(2, "percent"), (3, "percent")]
    # "went from", like "est passé de": a change of level ("from 4 to 6 %" is no range)
    assert [(g[1], g[2], g[3]) for g in read("Unemployment went from 4 to 6 % over the year.")] == [
        (4, None, "percent"), (6, None, "percent")]
    assert [(g[1], g[2]) for g in read("He went from Paris to Lyon with 3 to 5 guards.")] == [(3, 5)]
    # a verb that sets a level anew: "raise the pension age from 62 to 64", "repousse l'âge de 62 à 64 ans"
    assert [(g[1], g[2]) for g in read("The government will raise the pension age from 62 to 64.")] == [(62, None), (64, None)]
    assert [(g[1], g[2]) for g in read("La réforme repousse l'âge légal de départ de 62 à 64 ans.", "fr")] == [(62, None), (64, None)]
    assert [(g[1], g[2]) for g in read("Les candidats ont de 62 à 64 ans.", "fr")] == [(62, 64)]


def test_a_part_of_a_set_named_before_is_no_count():
    assert read("An attack on one of the two sides.") == []
    assert find_figures("En cas d’attaque armée contre l’une des deux parties.", "fr") == []
    assert [f.value for f in find_figures("Le parti a envoyé des deux mille militants.", "fr")] == [2000]


def test_a_day_after_its_weekday_an_ordinal_in_capitals_and_a_line_number_are_no_counts():
    fr = find_figures("Ce dimanche 11 les Français votaient. Résultats du 2E TOUR. Les lignes 13 du métro.", "fr")
    assert fr == []
    assert [f.value for f in find_figures("Il a vendu 13 lignes et 5 trains dimanche.", "fr")] == [13, 5]
    assert [f.value for f in find_figures("On Tuesday 5 the council met; 11 people died on Sunday.", "en")] == [11]


def test_one_is_no_count_in_french_before_a_noun_but_is_after_a_qualifier():
    fr = find_figures("Au moins un soldat a été tué et un homme blessé.", "fr")
    assert [(f.value, f.qualifier) for f in fr] == [(1, "at_least")]


@pytest.mark.parametrize("text, lang, expected", [
    ("Une autre personne a disparu depuis le 7 octobre.", "fr", [("Une", 1)]),
    ("Un soldat est décédé samedi, un autre a été tué au combat hier.", "fr", [("un", 1)]),
    ("One other person was killed.", "en", [("One", 1)]),
    # no fate after it: an article, a pronoun
    ("Un autre problème se pose, une autre fois.", "fr", []),
    ("One more thing: he was killed.", "en", []),
])
def test_one_other_is_a_count_when_what_befell_it_follows(text, lang, expected):
    assert [(t, v) for t, v, _, _ in read(text, lang)] == expected


def test_one_after_and_counts_what_the_sentence_counted_before_with_its_noun_left_out():
    en = find_figures("Two other people died in Castile and one in Andalusia.", "en")
    assert [f.value for f in en] == [2, 1]
    fr = find_figures("Quatre otages ont été libérés avant cela, et un a été sauvé par les troupes.", "fr")
    assert [f.value for f in fr] == [4, 1]
    # an article before a noun, a pronoun's part, a sentence with no count before: no figure
    assert [f.value for f in find_figures("Trois familles ont reçu du riz et une médaille.", "fr")] == [3]
    assert [f.value for f in find_figures("Three soldiers and one of the officers were hit.", "en")] == [3]
    assert find_figures("The army and one in the navy agreed.", "en") == []


def test_a_third_before_what_it_ranks_is_an_ordinal_not_a_share():
    assert [f.unit for f in find_figures("Maduro was sworn in for a third six-year term.", "en")] == ["year"]  # six-year
    assert find_figures("He won a third consecutive term.", "en") == []
    shares = find_figures("About a third of voters stayed home; sales fell by a third last year, "
                          "up from roughly a third a year earlier.", "en")
    assert [round(f.value, 1) for f in shares] == [33.3, 33.3, 33.3]


def test_a_range_with_its_unit_at_both_ends_is_one_range():
    en = find_figures("Payments of 20,000 euros to 60,000 euros; sentences of 15 years to 30 years.", "en")
    assert [(f.value, f.value_high) for f in en] == [(20000, 60000), (15, 30)]
    fr = find_figures("Des aides de 20 000 euros à 60 000 euros.", "fr")
    assert [(f.value, f.value_high) for f in fr] == [(20000, 60000)]
    # after a change word, two figures; different nouns at the two ends, two figures
    assert [f.value_high for f in find_figures("Prices rose from 20 euros to 30 euros.", "en")] == [None, None]
    assert [f.value_high for f in find_figures("It sentenced 3 people to 5 years.", "en")] == [None, None]


def test_twice_and_double_are_ratios_before_what_they_multiply():
    en = find_figures("Gonzalez won twice as many votes; the rate is nearly double the figure.", "en")
    assert [(f.value, f.form) for f in en] == [(2, "multiplier"), (2, "multiplier")]
    assert [f.value for f in find_figures("Il a obtenu le double des voix.", "fr")] == [2]
    # a verb, an adjective, a noun of its own: no figure
    assert find_figures("Prices doubled. He ordered a double espresso.", "en") == []
    assert find_figures("Le prix a doublé. Un double vitrage.", "fr") == []


@pytest.mark.parametrize("text, lang, expected", [
    # a preposition after the unit makes it a quantity measured
    ("The station recorded 641 mm of rain.", "en", [("641", 641)]),
    ("It rained 618 mm in 24 hours.", "en", [("618", 618), ("24", 24)]),
    ("Il est tombé 491 mm d'eau.", "fr", [("491", 491)]),
    ("Il est tombé 300 mm en huit heures.", "fr", [("300", 300), ("huit", 8)]),
    # a calibre qualifies a noun, or follows it after "de": no figure
    ("It carried 12 million rounds of 152mm and 122mm ammunition.", "en",
     [("12 million", 12_000_000)]),
    ("Russia fired 152 mm shells.", "en", []),
    ("Pyongyang a livré des canons de 170 mm et des lance-roquettes de 240 mm.", "fr", []),
    ("soit 8 millions d'obus de 152 mm.", "fr", [("8 millions", 8_000_000)]),
])
def test_a_calibre_is_no_figure_but_a_quantity_measured_in_its_unit_is(text, lang, expected):
    assert [(t, v) for t, v, _, _ in read(text, lang)] == expected


@pytest.mark.parametrize("text, expected", [
    # "m" glued to a count is a million before a preposition or a punctuation mark ...
    ("Sales reached 35m last year.", [("35m", 35_000_000)]),
    ("Rail journeys increased from just under 51m in 2017-18.", [("just under 51m", 51_000_000)]),
    ("Viewers numbered 4.5m, up from 3m.", [("4.5m", 4_500_000), ("3m", 3_000_000)]),
    # ... unless the sentence speaks of a length: then it is metres, and no magnitude
    ("Water was 2m deep in places.", [("2", 2)]),
    ("He ran 100m in 9.58 seconds.", [("100", 100), ("9.58", 9.58)]),
    ("The wall is 10m high.", [("10", 10)]),
])
def test_a_glued_m_is_a_million_where_no_length_is_spoken_of(text, expected):
    assert [(t, pytest.approx(v)) for t, v, _, _ in read(text)] == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("Temperatures dropped to -5C overnight.", "en", [("5C", -5, "degree celsius")]),
    ("It was -3.2 °C in Moscow, and 95°F in Phoenix.", "en",
     [("3.2 °C", -3.2, "degree celsius"), ("95°F", 95, "degree fahrenheit")]),
    ("Il fera 35°C à Séville.", "fr", [("35°C", 35, "degree celsius")]),
    ("The 12 C-130 aircraft and 5 CFA francs.", "en", [("12", 12, None), ("5", 5, None)]),
])
def test_a_temperature_keeps_its_sign_and_its_unit(text, lang, expected):
    assert [(t, pytest.approx(v), u) for t, v, _, u in read(text, lang)] == expected


def test_a_magnitude_is_multiplied_in_decimal_and_a_fraction_of_a_scale_is_a_count():
    assert [g[1] for g in read("Profit before tax was $4.1bn (£3.2bn).")] == [4_100_000_000, 3_200_000_000]
    assert [(t, v) for t, v, _, _ in read("a quarter of a million people, three quarters of a billion dollars")] == [
        ("a quarter of a million", 250_000), ("three quarters of a billion", 750_000_000)]
    assert [(t, v) for t, v, _, _ in read("a quarter of the votes")] == [("a quarter", 25)]


def test_half_a_scale_in_french():
    assert [(t, v) for t, v, _, _ in read("Un demi-million de personnes, un demi-milliard d’euros.", "fr")] == [
        ("Un demi-million", 500_000), ("un demi-milliard", 500_000_000)]
    assert read("Une demi-heure plus tard.", "fr") == []


@pytest.mark.parametrize("text, expected", [
    # a collective noun times the scale after it
    ("Une dizaine de milliers de soldats ont été envoyés.", [("Une dizaine de milliers", 10000, "about")]),
    ("Une centaine de millions d'euros seront débloqués.", [("Une centaine de millions", 1e8, "about")]),
    ("Une vingtaine de manifestants.", [("Une vingtaine", 20, "about")]),
    # a bound before it wins over its "about"
    ("Le bilan pourrait atteindre plus d'une centaine de milliers de morts.",
     [("plus d'une centaine de milliers", 100000, "at_least")]),
    ("Moins d’une centaine de soldats sont restés.", [("Moins d’une centaine", 100, "at_most")]),
    ("Environ une centaine de soldats sont restés.", [("Environ une centaine", 100, "about")]),
])
def test_french_collective_nouns_scaled_and_bounded(text, expected):
    assert [(text[f.start:f.end], f.value, f.qualifier) for f in find_figures(text, "fr")] == expected


def test_minus_as_a_word_makes_the_figure_negative():
    assert [(g[0], g[1]) for g in read("Temperatures fell to minus 12 degrees overnight.")] == [("12", -12)]
    assert [g[1] for g in read("At least 12 people died.")] == [12]
    assert [g[1] for g in read("La température a chuté à moins 12 degrés.", "fr")] == [-12]
    assert [g[1] for g in read("Au moins 12 personnes sont mortes, pas moins 300 soldats.", "fr")] == [12, 300]


@pytest.mark.parametrize("lang, text, expected", [
    # a number word joined by a hyphen to a word is a word of its own, not a count
    ("fr", "Les vols de deux-roues motorisés ont bondi de 4,6 %.", [("4,6 %", 4.6)]),
    ("fr", "L'accord conclu dans l'entre-deux-tours avec la liste LREM.", []),
    ("en", "It is a two-way race between 3 candidates.", [("3", 3)]),
    # numbers and fractions written with hyphens stay numbers
    ("fr", "Vingt-deux soldats et deux-tiers des habitants.", [("Vingt-deux", 22), ("deux-tiers", 200 / 3)]),
    # the spelling of 1990 joins every part with hyphens, "et" too
    ("fr", "Trente-et-un morts et soixante-et-onze blessés.", [("Trente-et-un", 31), ("soixante-et-onze", 71)]),
    ("en", "Twenty-two soldiers, and a six-year term.", [("Twenty-two", 22), ("six-year", 6)]),
])
def test_a_number_word_inside_a_hyphenated_word_is_no_figure(lang, text, expected):
    assert [(span, pytest.approx(value)) for span, value, _, _ in read(text, lang)] == expected
