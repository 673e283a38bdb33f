"""The GUIDE's `kind`: what sort of figure a claim is, so that like is compared with like."""
import pytest

from claimscope.extract.kinds import KindReader
from claimscope.lang import load_language


@pytest.fixture(scope="module")
def readers():
    return {code: KindReader(load_language(code)) for code in ("fr", "en")}


@pytest.mark.parametrize("lang,before,after,kind,per", [
    ("en", "Russian forces fire ", " shells a day on average.", "rate", "day"),
    ("en", "From January 1-5 it was a daily average of ", ".", "rate", "day"),
    ("fr", "Les livraisons ont atteint une moyenne mensuelle de ", " camions.", "rate", "month"),
    ("en", "Each soldier earns the regime ", " a month.", "rate", "month"),
    ("en", "North Korea could send ", " more troops.", "increment", None),
    ("en", "North Korea sent another ", " troops in January.", "increment", None),
    ("en", "Exports rose ", " in 2024.", "change", None),
    ("en", "Shares were up ", " to $84.", "change", None),
    ("en", "Moscow denied that it had lost more than ", " tanks.", "denied", None),
    ("en", "It fires ", " times more shells than Ukraine.", "ratio", None),
    # not rates, increments or changes
    ("en", "About ", " soldiers arrived in a month.", "total", None),
    ("en", "North Korean rounds make up ", " of the stocks.", "total", None),
    ("en", "Air defences shot down ", " of the drones.", "total", None),
    ("en", "Some ", " troops were sent a year ago.", "total", None),
    ("en", "About ", " soldiers, more than expected, were sent.", "total", None),
    ("fr", "La Russie tire ", " obus par jour.", "rate", "day"),
    ("fr", "Pyongyang enverra ", " soldats supplémentaires.", "increment", None),
    ("fr", "Les livraisons sont en hausse de ", " sur un an.", "change", None),
    ("fr", "Sur un an, ils progressent de ", ".", "change", None),
    ("fr", "En 2011, ils s'étaient contractés de ", ".", "change", None),
    ("en", "The economy shrank ", " in the second quarter.", "change", None),
    # an adverb between the change word and its "by"
    ("en", "The Brexit Party has fallen sharply by ", " points in a week.", "change", None),
    ("fr", "Les ventes ont progressé fortement de ", " sur un an.", "change", None),
    ("en", "Exports were highly affected by ", " strikes.", "total", None),
    # the change said right after the figure
    ("en", "The Cac 40 ended ", " lower for the day.", "change", None),
    ("fr", "Le chiffre d'affaires affiche ", " de hausse sur un an.", "change", None),
    ("en", "Police data showed a ", " increase in arrests.", "change", None),
    ("en", "The figures show a ", " rise in violent crime.", "change", None),
    ("en", "Officers reported ", " increases in their caseloads.", "change", None),
    # a verb after the figure, not a change's noun
    ("en", "Every winter ", " fall ill with the flu.", "total", None),
    ("fr", "Moscou a démenti avoir perdu ", " chars.", "denied", None),
    ("fr", "Il en a envoyé ", " de plus l'an prochain.", "increment", None),
    ("fr", "Environ ", " soldats ont été déployés en Russie.", "total", None),
])
def test_kind_from_the_words_around_the_figure(readers, lang, before, after, kind, per):
    got, got_per, why = readers[lang].read(before, after)
    assert (got, got_per) == (kind, per)
    assert (why is None) == (kind == "total")


def test_a_temperatures_minus_is_its_value_not_a_fall(readers):
    # "-5 °C": the sign belongs to the value; "-0,4 %" after a space is a fall
    assert readers["en"].read("It was -", " overnight.", "degree celsius")[0] == "total"
    assert readers["fr"].read("Le PIB a reculé de -", " au trimestre.", "percent")[0] == "change"
    assert readers["fr"].read("La croissance ressort à -", " au trimestre.", "percent")[0] == "change"


@pytest.mark.parametrize("lang,before,after,unit,kind", [
    ("fr", "Le CAC 40 a perdu ", " à 7 350 points.", "percent", "change"),
    ("fr", "Le Smic augmentera de ", " au 1er janvier.", "percent", "change"),
    ("en", "The FTSE 100 lost ", " to 7,350.", "percent", "change"),
    ("en", "Labour gained ", " in the poll.", "point", "change"),
    # what was lost or won, and a share of something lost, stay totals
    ("en", "Russia lost ", " tanks.", "tank", "total"),
    ("fr", "Le contingent aurait perdu ", " de ses effectifs.", "percent", "total"),
    # a sign apart from the figure, and a share whose clause names the change it measures
    ("fr", "Les recettes ont été comptabilisées (+ ", ").", "percent", "change"),
    ("fr", "Sur un an, leur hausse atteint ", ", contre 0,5 %.", "percent", "change"),
    ("en", "Economic growth is then predicted to slow again, to ", " in 2016.", "percent", "change"),
    ("en", "House price inflation was the lowest in London, at just ", ".", "percent", "change"),
    # ... but a share of something, or a count, in such a clause stays a total
    ("fr", "La hausse des prix touche ", " des ménages.", "percent", "total"),
    ("en", "The rise in prices hit ", " households.", "household", "total"),
    # points of shares by which something moved, whatever stands between the verb and "by"
    ("en", "The Fed raised rates by ", " to 5.5%.", "basis point", "change"),
    ("en", "The bank cut its main rate by ", ".", "percentage point", "change"),
    ("en", "The party won ", " of the seats.", "percent", "total"),
    # the size of a change after any change word and "by"; a change's noun after the figure
    ("en", "In London, rents have risen by ", " over the past year.", "percent", "change"),
    ("en", "In England it was £309,000 - a ", " improvement.", "percent", "change"),
    ("fr", "Les experts pointent une flambée de ", " au dernier trimestre.", "percent", "change"),
    # a share that changed over a year is a change, not a rate; a count per day stays a rate
    ("en", "Rental prices in London rose by ", " annually in October.", "percent", "change"),
    ("en", "Russia fires ", " shells a day.", "shell", "rate"),
    # a total before a change whose size follows stays a total
    ("fr", "Le chiffre d'affaires s'inscrit à ", ", en hausse de 7,1 % sur un an.", "eur", "total"),
    # ... but a year after the change word is no size of it
    ("en", "The plan targets a ", " increase by 2030.", "percent", "change"),
    # the change said after the figure that restates this one is this one's too
    ("en", "London's top index finished ", " points, or 0.78%, lower to end the day at 8,205.98.", "point", "change"),
    ("en", "The company sold ", " cars, or 5% of the market, in March.", "car", "total"),
])
def test_a_share_or_an_index_that_moves_is_a_change(readers, lang, before, after, unit, kind):
    assert readers[lang].read(before, after, unit)[0] == kind


@pytest.mark.parametrize("lang,before,after,unit,kind", [
    # the same change said another way, after the figure it restates
    ("en", "The Dow lost 150 points, or ", ", to 33,870.", "percent", "change"),
    ("fr", "Les effectifs sont en baisse de 3 %, soit ", " emplois.", "job", "change"),
    # a restated total stays a total
    ("en", "The firm employs 4,500 people, or ", " of the town.", "percent", "total"),
    ("fr", "Le chômage touche 3 millions de personnes, soit ", " de la population.", "percent", "total"),
    ("fr", "Les effectifs sont en baisse de 3,5 %, soit ", " emplois.", "job", "change"),  # a decimal comma
    # a second subject whose change verb is left out
    ("fr", "Les prix ont augmenté de 5,2% sur un an, et les salaires de ", ".", "percent", "change"),
    ("en", "Prices rose by 5.2% last year, and wages by ", ".", "percent", "change"),
    ("fr", "Le chômage touche 7 % des actifs, et les jeunes de ", ".", "percent", "total"),
    ("fr", "Le chiffre d'affaires est en progression de 7,9 % en France et de ", " à l'étranger.", "percent", "change"),
    ("fr", "Il est en progression de 7,9 % à données courantes et de ", " à données comparables.", "percent", "change"),
    # the figure restated is the one right before the joiner, not a number in a name before it
    ("en", "Markets fell as the FTSE 100 fell 1.01pc or ", " points to 7,410.97.", "point", "change"),
    # a figure compared with a change is a change; compared with a total, a total
    ("fr", "Sur un an, les prix sont en hausse de 0,6%, contre ", " un mois plus tôt.", "percent", "change"),
    ("fr", "Les produits pétroliers ont progressé de 5,8 % en 2012 après ", " en 2011.", "percent", "change"),
    ("en", "Exports rose 3.1% in May, against ", " in April.", "percent", "change"),
    ("fr", "Le chômage touche 7,5 % des actifs, contre ", " un an plus tôt.", "percent", "total"),
])
def test_a_figure_that_restates_or_gaps_a_change_is_a_change(readers, lang, before, after, unit, kind):
    assert readers[lang].read(before, after, unit)[0] == kind
