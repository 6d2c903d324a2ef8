"""General rules of issue 3 (quantity normalisation ahead of CQE), on sentences written for
these tests: each asserts a field a wrong rule would get wrong."""

from __future__ import annotations

import pytest

from extractors.quantities import quantities
from pipeline.nlp import parse_texts


def _found(nlp, sentence: str) -> dict:
    doc = next(parse_texts(nlp, [sentence]))
    return {q.text: q for q in quantities(doc)}


@pytest.mark.parametrize(
    ("sentence", "text", "counted"),
    [
        # a number before a capitalised word counts the plural noun after it
        ("The party now has 12 Labour MPs in Scotland.", "12", "mp"),
        ("He has played 45 Test matches for England.", "45", "match"),
    ],
)
def test_a_count_before_a_name_and_a_plural_noun(nlp, sentence: str, text: str,
                                                 counted: str) -> None:
    found = _found(nlp, sentence)
    assert text in found, list(found)
    assert found[text].counted == counted


def test_a_number_naming_a_model_inside_a_counted_phrase_is_not_a_count(nlp) -> None:
    found = _found(nlp, "The carrier grounded two new 737 Max jets on Monday.")
    assert "737" not in found
    assert found["two"].counted == "jet"


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("The victim, aged 19, died at the scene.", "19"),
        ("The singer turned 40 last week.", "40"),
        ("He will turn 65 in May.", "65"),
    ],
)
def test_stated_ages(nlp, sentence: str, text: str) -> None:
    found = _found(nlp, sentence)
    assert text in found, list(found)
    assert (found[text].unit, found[text].kind) == ("year of age", "age")


@pytest.mark.parametrize(
    ("sentence", "change_text", "level_text"),
    [
        ("The number of deaths rose by 150 to 2,300.", "150", "2,300"),
        ("The price of a litre of petrol rose 5p to 155.9p.", "5p", "155.9p"),
    ],
)
def test_a_change_then_a_level_is_not_a_range(nlp, sentence: str, change_text: str,
                                              level_text: str) -> None:
    found = _found(nlp, sentence)
    assert change_text in found and level_text in found, list(found)
    assert found[change_text].change == "up"
    assert found[level_text].low is None and found[level_text].high is None


def test_a_range_of_change_keeps_its_ends(nlp) -> None:
    found = _found(nlp, "Membership rose by 2 to 3 million last year.")
    q = found["2 to 3 million"]
    assert (q.low, q.high) == (2e6, 3e6)


def test_direction_through_a_time_adverbial(nlp) -> None:
    found = _found(nlp, "Exports dropped 8.5 per cent year on year.")
    assert found["8.5 per cent"].change == "down"


@pytest.mark.parametrize(
    ("sentence", "text", "unit"),
    [
        # after "per" any noun or unit is the denominator, a unit by its canonical name
        ("Emissions reached 300 grams per passenger on the route.", "300 grams per passenger",
         "gram per passenger"),
        ("The fee is $4 per kilometre driven.", "$4 per kilometre", "dollar per kilometre"),
        ("Gas costs €80 per cubic metre this winter.", "€80 per cubic metre",
         "euro per cubic metre"),
    ],
)
def test_any_denominator_after_per(nlp, sentence: str, text: str, unit: str) -> None:
    found = _found(nlp, sentence)
    assert text in found, list(found)
    assert found[text].unit == unit


def test_a_year_earlier_is_not_a_rate(nlp) -> None:
    found = _found(nlp, "Revenue was $7.4 billion, against $6.8 billion a year earlier.")
    assert found["$6.8 billion"].unit == "dollar"


@pytest.mark.parametrize(
    ("sentence", "text", "unit"),
    [
        ("She weighed 120 pounds when she joined the team.", "120 pounds", "pound-mass"),
        ("The 300-pound lineman missed the game.", "300-pound", "pound-mass"),
        ("He lost 40 pounds before the fight.", "40 pounds", "pound-mass"),
        ("The club paid 30 million pounds for the striker.", "30 million pounds",
         "pound sterling"),
        ("Tickets cost 30 pounds each.", "30 pounds", "pound sterling"),
        ("He gave her a 20-pound note.", "20-pound", "pound sterling"),
    ],
)
def test_pounds_of_weight_and_of_money(nlp, sentence: str, text: str, unit: str) -> None:
    found = _found(nlp, sentence)
    assert text in found, list(found)
    assert found[text].unit == unit
    assert (found[text].currency is None) == (unit == "pound-mass")


@pytest.mark.parametrize(
    ("sentence", "text", "value", "counted"),
    [
        ("A dozen people were hurt in the crash.", "A dozen", 12, "people"),
        ("Nearly a dozen firms bid for the contract.", "Nearly a dozen", 12, "firm"),
        ("The storm left 1m homes without power.", "1m", 1e6, "home"),
    ],
)
def test_counts_with_word_numbers_and_million_m(nlp, sentence: str, text: str, value: float,
                                                counted: str) -> None:
    found = _found(nlp, sentence)
    assert text in found, list(found)
    assert (found[text].value, found[text].unit, found[text].counted) == (value, None, counted)


def test_metres_stay_metres(nlp) -> None:
    found = _found(nlp, "The tower is 330m tall.")
    assert found["330m"].unit == "metre"


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("The vaccine must be kept at -70C.", "-70C", -70.0),
        ("Lows of -12°C are forecast for Tuesday.", "-12°C", -12.0),
        ("The trade balance fell to $-50.8bn in April.", "$-50.8bn", -50.8e9),
    ],
)
def test_negative_figures_keep_their_sign(nlp, sentence: str, text: str, value: float) -> None:
    found = _found(nlp, sentence)
    assert text in found, list(found)
    assert found[text].value == pytest.approx(value)


def test_a_signed_percentage_is_a_fall_not_a_negative(nlp) -> None:
    found = _found(nlp, "The Dow -0.8% at the close.")
    assert (found["-0.8%"].value, found["-0.8%"].change) == (0.8, "down")


@pytest.mark.parametrize(
    ("sentence", "text", "bounds", "unit"),
    [
        ("The project will take 18-24 months to finish.", "18-24 months", (18, 24), "month"),
        ("The bank will lend £1.5-2bn to the firm.", "£1.5-2bn", (1.5e9, 2e9),
         "pound sterling"),
        ("Seats cost $5-10 at the door.", "$5-10", (5, 10), "dollar"),
    ],
)
def test_tight_dash_ranges(nlp, sentence: str, text: str, bounds: tuple, unit: str) -> None:
    found = _found(nlp, sentence)
    assert text in found, list(found)
    assert ((found[text].low, found[text].high), found[text].unit) == (bounds, unit)


def test_a_score_is_not_a_fall(nlp) -> None:
    found = _found(nlp, "The motion passed 52-48 on Tuesday.")
    assert (found["52-48"].low, found["52-48"].high, found["52-48"].change) == (48, 52, "=")


def test_a_name_with_a_number_after_a_hyphen_is_not_a_quantity(nlp) -> None:
    assert "35" not in _found(nlp, "The F-35 jets arrived at the base.")
    assert "19" not in _found(nlp, "Cases of Covid-19 fell again.")


@pytest.mark.parametrize(
    ("sentence", "text", "currency", "unit"),
    [
        ("He earned 80,000 Swiss francs in 2020.", "80,000 Swiss francs", "CHF", "swiss franc"),
        ("The fine was 5 billion Egyptian pounds.", "5 billion Egyptian pounds", "EGP",
         "egyptian pound"),
        ("The budget is 3.2 trillion Kenyan shillings.", "3.2 trillion Kenyan shillings", "KES",
         "kenyan shilling"),
        ("Exports reached 12 billion Pakistani rupees.", "12 billion Pakistani rupees", "PKR",
         "pakistan rupee"),
        ("The stake is worth 4.2 billion Norwegian crowns.", "4.2 billion Norwegian crowns",
         "NOK", "norwegian krone"),
        ("The club paid 30 million pounds for him.", "30 million pounds", "GBP",
         "pound sterling"),
    ],
)
def test_currencies_named_by_country(nlp, sentence: str, text: str, currency: str,
                                     unit: str) -> None:
    found = _found(nlp, sentence)
    assert text in found, list(found)
    assert (found[text].currency, found[text].unit, found[text].kind) == (currency, unit,
                                                                          "money")


@pytest.mark.parametrize(
    ("sentence", "text", "change"),
    [
        ("The charity raised £2m for the hospital.", "£2m", "="),
        ("The firm raised prices 5% last month.", "5%", "up"),
        ("The bank raised rates by 0.5% on Thursday.", "0.5%", "up"),
    ],
)
def test_money_raised_is_not_a_rise(nlp, sentence: str, text: str, change: str) -> None:
    assert _found(nlp, sentence)[text].change == change


@pytest.mark.parametrize(
    ("sentence", "text", "value", "unit"),
    [
        ("The mass of the earth is about 5.97×10^24 kilograms.",
         "about 5.97×10^24 kilograms", 5.97e24, "kilogram"),
        ("A grain weighs 6.5 × 10⁻⁵ kg.", "6.5 × 10⁻⁵ kg", 6.5e-5, "kilogram"),
        ("The body holds 3.7 x 10^13 cells.", "3.7 x 10^13", 3.7e13, None),
    ],
)
def test_scientific_notation(nlp, sentence: str, text: str, value: float, unit) -> None:
    found = _found(nlp, sentence)
    assert text in found, list(found)
    assert found[text].value == pytest.approx(value)
    assert found[text].unit == unit


def test_a_multiplication_is_not_scientific_notation(nlp) -> None:
    found = _found(nlp, "He ran the 4 x 100 metres relay.")
    assert found["100 metres"].value == 100


@pytest.mark.parametrize(
    ("sentence", "text", "unit"),
    [
        ("The DAX increased by 2 percent but the CAC fell by 1.", "1", "percentage"),
        ("The index ended at 3,400 points, while the Dow ended at 33,000.", "33,000", "point"),
        ("Mileage rose from about 14-18 mpg to 24 for the larger models.", "24",
         "mile per gallon"),
    ],
)
def test_a_unit_left_out_in_a_parallel_clause(nlp, sentence: str, text: str,
                                              unit: str) -> None:
    found = _found(nlp, sentence)
    assert text in found, list(found)
    assert found[text].unit == unit


def test_a_level_after_a_change_does_not_take_its_unit(nlp) -> None:
    found = _found(nlp, "The shares rose 8.15% to 3.65 after the report.")
    assert found["3.65"].unit is None


@pytest.mark.parametrize(
    ("sentence", "text", "counted", "unit"),
    [
        ("Some 54 million homes have broadband, up from 34 million a year ago.", "34 million",
         "home", None),
        ("Sales were 5,000 cars, compared with 4,000 a year earlier.", "4,000", "car", None),
        ("The jobless rate rose to 5.2% from 4.9 in March.", "4.9", None, "percentage"),
    ],
)
def test_the_figure_compared_with_shares_the_unit(nlp, sentence: str, text: str, counted,
                                                  unit) -> None:
    found = _found(nlp, sentence)
    assert text in found, list(found)
    assert (found[text].counted, found[text].unit) == (counted, unit)


def test_the_figure_compared_with_shares_the_scale_of_money(nlp) -> None:
    found = _found(nlp, "Revenue rose to $5bn from 4.2 a year before.")
    assert (found["4.2"].value, found["4.2"].currency) == (4.2e9, "USD")


def test_a_year_before_a_name_is_not_a_unit(nlp) -> None:
    assert not _found(nlp, "The stadium will open for the 2006 FA Cup Final.")


def test_a_network_generation_is_not_grams(nlp) -> None:
    assert all(q.unit != "gram" for q in _found(nlp, "It sells a 3G mobile phone.").values())


def test_plural_ages(nlp) -> None:
    found = _found(nlp, "The wage covers 17-year-olds in work.")
    assert found["17-year-olds"].unit == "year of age"


def test_a_score_in_one_entity_keeps_low_below_high(nlp) -> None:
    q = _found(nlp, "Ulster had led 20-6 at half-time.")["20-6"]
    assert (q.low, q.high, q.change) == (6, 20, "=")


def test_a_falling_range_in_one_entity_is_a_fall(nlp) -> None:
    q = _found(nlp, "Growth will slow from 4.8 to 4.7 percent in 2019.")["4.8 to 4.7 percent"]
    assert (q.low, q.high, q.change) == (4.7, 4.8, "down")


def test_a_count_of_years_is_a_duration(nlp) -> None:
    found = _found(nlp, "The robots could be ready in as little as five to six years.")
    assert any(q.unit == "year" and q.kind == "duration" for q in found.values()), found


def test_scaled_figures_have_no_float_noise(nlp) -> None:
    assert _found(nlp, "By 2007, 4.1 million robots will work.")["4.1 million"].value == 4.1e6


def test_the_level_after_to_takes_no_direction_however_parsed(nlp) -> None:
    found = _found(nlp, "Brent crude rose, adding $1.89 to $48.62 at the close.")
    assert (found["$1.89"].change, found["$48.62"].change) == ("up", "=")


@pytest.mark.parametrize(
    ("sentence", "text", "value", "unit"),
    [
        ("The Fed raised rates by a quarter of a percentage point.",
         "a quarter of a percentage point", 0.25, "percentage point"),
        ("He walked half a mile to school.", "half a mile", 0.5, "mile"),
        ("The meeting lasted half an hour.", "half an hour", 0.5, "hour"),
    ],
)
def test_a_fraction_of_a_unit(nlp, sentence: str, text: str, value: float, unit: str) -> None:
    found = _found(nlp, sentence)
    assert text in found, list(found)
    assert (found[text].value, found[text].unit) == (value, unit)


def test_a_slash_date_is_not_a_fraction(nlp) -> None:
    assert not _found(nlp, "The slump after 9/11 hit airlines hard.")
    assert _found(nlp, "Mix 1/16 of the dough with water.")["1/16"].value == 1 / 16
    q = _found(nlp, "A fluid ounce is 1/16 of a pint.")["1/16 of a pint"]
    assert (q.value, q.unit) == (1 / 16, "pint")


def test_half_a_is_a_half() -> None:
    from extractors.numbers import parse_number_words

    assert parse_number_words("half a") == 0.5
    assert parse_number_words("half a million") == 5e5


def test_and_joins_a_number_only_after_a_scale_word() -> None:
    from extractors.numbers import parse_number_words

    assert parse_number_words("one hundred and five") == 105
    assert parse_number_words("a thousand and one") == 1001
    assert parse_number_words("four and six") is None  # two figures, not ten
    assert parse_number_words("fifty and fifty") is None


def test_large_figures_keep_every_digit() -> None:
    from extractors.quantities import parse_quantity

    assert parse_quantity("$31,412,345,678,901").value == 31_412_345_678_901
    assert parse_quantity("$4.1m").value == 4_100_000  # and no float noise


@pytest.mark.parametrize(
    ("sentence", "text", "change"),
    [
        ("Jobless claims rose 37,000 last week to 412,000.", "37,000", "up"),
        ("Last week's figure was revised down by 1,000 to 405,000.", "1,000", "down"),
        ("The firm will add 300 staff next year.", "300", "="),
    ],
)
def test_a_bare_figure_after_a_verb_of_rising(nlp, sentence: str, text: str,
                                              change: str) -> None:
    assert _found(nlp, sentence)[text].change == change


def test_a_noun_before_the_figure_is_not_what_it_counts(nlp) -> None:
    found = _found(nlp, "Initial claims hit a record 6.87 million that week.")
    assert found["6.87 million"].counted is None
    assert _found(nlp, "They want to add another pick or two.")["two"].counted == "pick"


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("The FDA authorised boosters for people 65 and older.", "65 and older"),
        ("Shots for children as young as 12 were approved.", "12"),
    ],
)
def test_ages_with_a_bound(nlp, sentence: str, text: str) -> None:
    found = _found(nlp, sentence)
    assert text in found, list(found)
    assert (found[text].unit, found[text].value) == ("year of age", float(text.split()[0]))


def test_and_over_a_time_is_not_an_age(nlp) -> None:
    found = _found(nlp, "The team scored 10 and over the weekend won again.")
    assert found["10"].unit is None


def test_a_count_before_a_model_number(nlp) -> None:
    found = _found(nlp, "The order includes 50 Boeing 787 aircraft.")
    assert found["50"].counted == "aircraft"
    assert "787" not in found


@pytest.mark.parametrize(("sentence", "counted"), [
    ("They found 3 previously unknown species.", "species"),
    ("The country received 1.2 million doses.", "dose"),
    ("Police arrested 12 people.", "people"),
])
def test_counted_nouns_are_singular(nlp, sentence: str, counted: str) -> None:
    assert [q.counted for q in _found(nlp, sentence).values()] == [counted]


@pytest.mark.parametrize(
    ("sentence", "text", "unit"),
    [
        ("The temperature was 40 deg celsius at noon.", "40 deg celsius", "degree celsius"),
        ("Set the oven to 30 degrees centigrade.", "30 degrees centigrade", "degree celsius"),
        ("Absolute zero is 0 kelvin.", "0 kelvin", "kelvin"),
        ("The oven was set to 180°.", "180°", "degree"),
    ],
)
def test_temperature_forms(nlp, sentence: str, text: str, unit: str) -> None:
    found = _found(nlp, sentence)
    assert text in found, list(found)
    assert found[text].unit == unit


def test_f_alone_is_not_fahrenheit(nlp) -> None:
    found = _found(nlp, "The capacitor stored 2.5 F at 5 volts.")
    assert all(q.unit != "degree fahrenheit" for q in found.values())


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("He retired at the age of 45.", "45"),
        ("She started school at age 5.", "5"),
        ("He is 25 years of age.", "25 years of age"),
    ],
)
def test_ages_after_age_and_of_age(nlp, sentence: str, text: str) -> None:
    found = _found(nlp, sentence)
    assert text in found, list(found)
    assert (found[text].unit, found[text].kind) == ("year of age", "age")


@pytest.mark.parametrize(
    ("sentence", "text", "unit"),
    [
        ("It covers 5 km² of land.", "5 km²", "square kilometre"),
        ("The car hit 100 kmh on the motorway.", "100 kmh", "kilometre per hour"),
        ("The battery stores 10 kilowatt-hours.", "10 kilowatt-hours", "kilowatt hour"),
        ("It stores 2 kilobytes of data.", "2 kilobytes", "kilobyte"),
        ("The field is 100 by 60 metres.", "100", "metre"),
    ],
)
def test_more_units_and_dimensions(nlp, sentence: str, text: str, unit: str) -> None:
    found = _found(nlp, sentence)
    assert text in found, list(found)
    assert found[text].unit == unit


@pytest.mark.parametrize(
    ("sentence", "text", "unit"),
    [
        ("Add 3 tbsp of olive oil.", "3 tbsp", "tablespoon"),
        ("The star is 2 light years away.", "2 light years", "light-year"),
        ("The bottle holds 75 milliliters.", "75 milliliters", "millilitre"),
        ("The room measures 12 sq. ft. in total.", "12 sq. ft", "square foot"),
        ("He weighs 12 stone.", "12 stone", "stone"),
    ],
)
def test_kitchen_astronomy_and_imperial_units(nlp, sentence: str, text: str,
                                              unit: str) -> None:
    found = _found(nlp, sentence)
    assert text in found, list(found)
    assert found[text].unit == unit


def test_suspended_hyphens_share_the_counted_noun(nlp) -> None:
    found = _found(nlp, "It comes with four-, five- and six-cylinder engines.")
    assert [(q.value, q.counted) for q in found.values()] == [
        (4, "cylinder"), (5, "cylinder"), (6, "cylinder")]
    found = _found(nlp, "It was a 10- to 15-minute walk.")
    assert found["10"].unit == "minute"


def test_a_decimal_before_second_is_seconds(nlp) -> None:
    found = _found(nlp, "He can run a 4.3 second 40 yard dash.")
    assert found["4.3 second"].unit == "second"


def test_adjectives_inside_a_duration(nlp) -> None:
    found = _found(nlp, "It joins the 50 previous years of programming.")
    assert (found["50 previous years"].value, found["50 previous years"].unit) == (50, "year")
    assert _found(nlp, "The 90-year-old died.")["90-year-old"].unit == "year of age"


def test_a_measure_glued_to_a_bracket_and_an_adjective(nlp) -> None:
    found = _found(nlp, "The 37m (121ft)-long skeleton is on show.")
    assert (found["121ft"].value, found["121ft"].unit) == (121, "foot")


@pytest.mark.parametrize("sentence", ["The team slipped towards the bottom three.",
                                      "He finished in the top 10 at the Open."])
def test_a_rank_is_not_a_quantity(nlp, sentence: str) -> None:
    assert not _found(nlp, sentence)


def test_a_count_after_top_is_still_a_count(nlp) -> None:
    assert _found(nlp, "The top three seeds advanced.")["three"].counted == "seed"


@pytest.mark.parametrize(
    ("sentence", "text", "change"),
    [
        ("The trial will take five years or more.", "five years", ">"),
        ("Tickets cost $10 or less at the door.", "$10", "<"),
        ("It needs 50 votes or more to pass.", "50", ">"),
        ("We need 3 or more people.", "3", ">"),
    ],
)
def test_hedges_after_the_figure(nlp, sentence: str, text: str, change: str) -> None:
    q = _found(nlp, sentence)[text]
    figure = float(text.strip("$").split()[0].replace("five", "5"))
    assert (q.change, q.value) == (change, None)
    assert (q.low, q.high) == ((figure, None) if change == ">" else (None, figure))


@pytest.mark.parametrize("sentence", [
    "Anyone with information is asked to call Crime Stoppers at (225) 344-7867.",
    "Tips may be sent to 415-575-4444 or by text.",
    "Several people called 911 to report the shooting.",
    "He was shot in the 800 block of 19th Street.",
    "The 13th Judicial District Drug Task Force took part.",
])
def test_phone_numbers_addresses_and_ordinals_are_not_quantities(nlp, sentence: str) -> None:
    assert not _found(nlp, sentence)


def test_a_range_of_three_and_four_digits_is_not_a_phone_number(nlp) -> None:
    assert any(q.high == 1000 for q in _found(nlp, "Some 500-1000 troops were sent.").values())


@pytest.mark.parametrize(
    ("sentence", "text", "counted", "unit"),
    [
        ("The attack killed four people and injured 12.", "12", "people", None),
        ("The firm cut 300 jobs in 2019 and 450 in 2020.", "450", "job", None),
        ("Ford sold 2 million cars and Toyota 3 million.", "3 million", "car", None),
        ("He scored 20 points in the first game and 31 in the second.", "31", "point",
         "point"),
    ],
)
def test_a_coordinated_bare_figure_shares_the_noun(nlp, sentence: str, text: str, counted,
                                                   unit) -> None:
    found = _found(nlp, sentence)
    assert text in found, list(found)
    assert (found[text].counted, found[text].unit) == (counted, unit)


def test_a_figure_of_another_order_is_not_coordinated(nlp) -> None:
    found = _found(nlp, "The club has 3 players and 450 fans came.")
    assert all(q.counted != "player" for q in found.values() if q.value == 450)


def test_metres_before_a_plural_noun_in_sport(nlp) -> None:
    found = _found(nlp, "He is one of the fastest 800m runners this winter.")
    assert (found["800m"].value, found["800m"].unit) == (800, "metre")


def test_two_number_words_in_a_row_are_not_one_figure() -> None:
    from extractors.numbers import parse_number_words

    assert parse_number_words("four six") is None
    assert parse_number_words("forty five") == 45
    assert parse_number_words("one hundred and twenty") == 120


def test_up_by_is_a_rise(nlp) -> None:
    found = _found(nlp, "Exports rose by 14%, while tourist revenues were up by 30%.")
    assert found["30%"].change == "up"


@pytest.mark.parametrize(
    ("sentence", "text", "change"),
    [
        ("The stock trades on barely 6.5 times earnings.", "barely 6.5 times", "~"),
        ("Firms were overvalued by an average of 50 per cent.", "50 per cent", "="),
    ],
)
def test_barely_is_a_hedge_an_average_is_not(nlp, sentence: str, text: str,
                                             change: str) -> None:
    found = _found(nlp, sentence)
    assert text in found, list(found)
    assert found[text].change == change


def test_a_fraction_of_a_us_unit(nlp) -> None:
    q = _found(nlp, "An ounce is 1/16 of a US pint.")["1/16 of a US pint"]
    assert (q.value, q.unit) == (1 / 16, "pint")


def test_a_negative_figure_can_be_coordinated(nlp) -> None:
    found = _found(nlp, "It had a minus-1.4 degree angle in 2018 and 2.1 last year.")
    assert found["2.1"].unit == "degree"


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("The S&P 500 lost 23.4 points, or 0.5%, to 4,520.16.", "4,520.16"),
        ("The Nikkei index fell 1.2% to 27,500.", "27,500"),
    ],
)
def test_an_index_level_is_in_points(nlp, sentence: str, text: str) -> None:
    assert _found(nlp, sentence)[text].unit == "point"


def test_a_share_price_level_is_not_in_points(nlp) -> None:
    assert _found(nlp, "Pluristem rose 8.15% to 3.65 after the report.")["3.65"].unit is None


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("It costs 15 dollars 50.", "15 dollars 50", 15.5),
        ("It only cost thirteen dollars forty five.", "thirteen dollars forty five", 13.45),
    ],
)
def test_cents_written_after_the_sum(nlp, sentence: str, text: str, value: float) -> None:
    found = _found(nlp, sentence)
    assert text in found, list(found)
    assert found[text].value == pytest.approx(value)


def test_a_figure_after_a_sum_that_counts_something_else(nlp) -> None:
    found = _found(nlp, "He paid 20 pounds 2 years ago.")
    assert (found["20 pounds"].value, found["2 years"].unit) == (20, "year")


@pytest.mark.parametrize("sentence", [
    "The law came in response to the 11 September attacks in the US.",
    "The vote is due on March 29.",
])
def test_a_day_next_to_a_month_is_a_date(nlp, sentence: str) -> None:
    assert not _found(nlp, sentence)


def test_may_the_verb_is_not_a_month(nlp) -> None:
    assert "5" in _found(nlp, "Officials said 5 may have died.")


def test_a_bare_figure_before_and_and_a_hyphenated_measure(nlp) -> None:
    found = _found(nlp, "He promised free nursery places for three and four-year-olds.")
    assert found["three"].unit == "year of age"
