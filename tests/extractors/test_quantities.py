"""Quantities normalised in context: every case of the normalisation issue, through spaCy."""

from __future__ import annotations

import pytest

from extractors.quantities import parse_quantity, quantities
from pipeline.articles import read_paths
from pipeline.nlp import parse_texts
from tests.conftest import SEED

# sentence, the quantity's text, then expected fields (None: not checked)
CASES = [
    ("The UK has pledged £480million to France.", "£480million",
     {"value": 480e6, "currency": "GBP", "unit": "pound sterling", "kind": "money"}),
    ("The council will spend £480m on roads.", "£480m", {"value": 480e6, "currency": "GBP"}),
    ("The deal is worth $3.2bn to investors.", "$3.2bn", {"value": 3.2e9, "currency": "USD"}),
    ("Brussels set aside €2.3 billion for farmers.", "€2.3 billion",
     {"value": 2.3e9, "currency": "EUR"}),
    ("The state approved Rs 500 crore for the project.", "Rs 500 crore",
     {"value": 5e9, "currency": "INR"}),
    ("A pint of milk rose by 12p this year.", "12p",
     {"value": 0.12, "currency": "GBP", "change": "up"}),
    ("The car was doing 70mph on the motorway.", "70mph",
     {"value": 70, "unit": "mile per hour", "kind": "speed"}),
    ("Crossings fell 25 per cent in a year.", "25 per cent",
     {"value": 25, "unit": "percentage", "kind": "percent", "change": "down"}),
    ("Inflation was 2.1% in March.", "2.1%", {"value": 2.1, "unit": "percentage"}),
    ("Already, 7,569 migrants have crossed.", "7,569",
     {"value": 7569, "kind": "count", "counted": "migrant"}),
    ("In Libya tens of thousands of migrants wait.", "tens of thousands",
     {"low": 1e4, "high": 1e5, "value": None, "change": "~", "counted": "migrant"}),
    ("It could stop hundreds of thousands of migrants.", "hundreds of thousands",
     {"low": 1e5, "high": 1e6, "change": "~"}),
    ("He will start a five-day tour of Africa.", "five-day",
     {"value": 5, "unit": "day", "kind": "duration"}),
    ("The UK pledged £480million to France over three years.", "three years",
     {"value": 3, "unit": "year", "kind": "duration"}),
    ("Some 400,000 people could come, more than four times that of the previous 12 months.",
     "more than four times", {"value": 4, "ratio": 4, "change": ">", "kind": "ratio"}),
    ("Police want to stop up to 400,000 migrants crossing.", "up to 400,000",
     {"high": 400_000, "value": None, "change": "<"}),
    ("The government predicted some 400,000 people could arrive.", "some 400,000",
     {"value": 400_000, "change": "~", "counted": "people"}),
    ("Each bag weighs between 5 and 6 kg when full.", "between 5 and 6 kg",
     {"low": 5, "high": 6, "unit": "kilogram", "kind": "mass"}),
    ("The meeting lasted forty five minutes in all.", "forty five minutes",
     {"value": 45, "unit": "minute", "kind": "duration"}),
    ("This is 25 per cent less than during the same period last year.", "25 per cent",
     {"value": 25, "change": "down"}),
    ("Shares rose by 3% on Monday.", "3%", {"value": 3, "change": "up"}),
    ("More than 300 people were arrested.", "More than 300",
     {"low": 300, "change": ">", "counted": "people"}),
    ("Nearly 2,000 jobs will go.", "Nearly 2,000", {"value": 2000, "change": "~"}),
    ("Fewer than 50 pupils passed.", "Fewer than 50", {"high": 50, "change": "<"}),
    # money written with a sign or code glued on, as scraped text transliterates it
    ("The package was worth up to PS2.7m last year.", "up to PS2.7m",
     {"high": 2.7e6, "currency": "GBP", "change": "<"}),
    ("Nintendo plunged 4.28 percent to Y=28,030 in Tokyo.", "Y=28,030",
     {"value": 28030, "currency": "JPY", "unit": "japanese yen"}),
    ("The yacht was quoted at USD10m.", "USD10m", {"value": 1e7, "currency": "USD"}),
    ("Flights should have cost HK $5.4m in all.", "HK $5.4m",
     {"value": 5.4e6, "currency": "HKD", "unit": "hong kong dollar"}),
    ("Heineken Malaysia rose 18 sen to RM23.50 on Friday.", "RM23.50",
     {"value": 23.5, "currency": "MYR"}),
    ("The deficit widened to $-50.8bn in April.", "$-50.8bn", {"value": -50.8e9}),
    # ranges and negative figures
    ("He was traveling at a speed of 15 to 22 miles per hour.", "15 to 22 miles per hour",
     {"low": 15, "high": 22, "unit": "mile per hour", "value": None}),
    ("Horsepower jumped from 240 to 273 this year.", "240 to 273", {"low": 240, "high": 273}),
    ("He lost weight, dropping from 208 pounds to 193 by exercising.", "208 pounds to 193",
     {"low": 193, "high": 208, "change": "down"}),
    ("Deficit increased by $43.6 billion to $419.2 billion.", "$43.6 billion",
     {"value": 43.6e9, "change": "up"}),
    ("Over the past three or four years, lenders changed.", "three or four years",
     {"low": 3, "high": 4, "unit": "year", "kind": "duration"}),
    ("It can be charged in just three hours at home.", "three hours",
     {"value": 3, "unit": "hour", "kind": "duration"}),
    ("The total offense was minus-5 yards.", "minus-5 yards", {"value": -5}),
    ("It can dip to about minus 387 Fahrenheit at night.", "about minus 387 Fahrenheit",
     {"value": -387, "change": "~", "unit": "degree fahrenheit"}),
    ("It is powered by a 6kW electric motor.", "6kW", {"value": 6, "unit": "kilowatt"}),
    ("Each tablet holds 5 mg of the drug.", "5 mg", {"value": 5, "unit": "milligram"}),
    ("Nintendo sold 4.3M digital copies.", "4.3M", {"value": 4.3e6, "counted": "copy"}),
    ("Cooking takes ~25 – 40min for four fillets.", "~25 – 40min",
     {"low": 25, "high": 40, "unit": "minute", "change": "~"}),
    ("They were up 5pc when the bid won.", "5pc", {"value": 5, "unit": "percentage",
                                                  "change": "up"}),
    ("Joe Maddon, 66, has used the downtime.", "66", {"value": 66, "unit": "year of age"}),
    ("Salah netted a record 32 goals in 36 games.", "32", {"value": 32, "counted": "goal"}),
    ("Dow +0.2% and Nasdaq +0.8% at noon.", "+0.2%", {"value": 0.2, "change": "up"}),
    ("Payments account for just under 20 percent of spending.", "just under 20 percent",
     {"high": 20, "change": "<"}),
    ("The 2,400 sq m medical centre is leased.", "2,400 sq m", {"unit": "square metre"}),
    ("Pluristem rose 8.15% to 3.65 after the meeting.", "3.65", {"value": 3.65, "change": "="}),
    ("Texas came first at 2483805 strikes.", "2483805", {"value": 2483805}),
    ("Sales rose from 5 to 0 units.", "5 to 0", {"low": 0, "high": 5}),
    ("Fruit prices are expected to increase between 5% and 6%.", "between 5% and 6%",
     {"low": 5, "high": 6, "change": "="}),
    # measures written in words, vague plurals of a unit, units of several tokens
    ("The debris field stretched for some seven miles into the sea.", "some seven miles",
     {"value": 7, "unit": "mile", "change": "~"}),
    ("It forms a plume that extends hundreds of miles into space.", "hundreds of miles",
     {"low": 100, "high": 1000, "unit": "mile", "value": None}),
    ("I think that is maybe tens of millions of dollars.", "tens of millions of dollars",
     {"low": 1e7, "high": 1e8, "currency": "USD"}),
    ("The 1520 sq m medical centre is pre-leased.", "1520 sq m",
     {"value": 1520, "unit": "square metre"}),
    ("It makes 450 Nm of torque at 3000 rpm.", "450 Nm", {"unit": "newton metre"}),
    ("It produces 296 hp (300 PS) in all.", "300 PS", {"unit": "horsepower"}),
    ("It has 332 lb-ft of torque.", "332 lb-ft", {"unit": "foot pound-force"}),
    ("There was a 60 basis point improvement in margins.", "60 basis point",
     {"unit": "basis point"}),
    ("It was a 1.8 billion-mile journey from Earth.", "1.8 billion-mile",
     {"value": 1.8e9, "unit": "mile"}),
    ("It got a 5-mpg boost in mileage.", "5-mpg", {"value": 5, "unit": "mile per gallon"}),
    ("The false positive rate fell to .001 per cent.", ".001 per cent",
     {"value": 0.001, "unit": "percentage"}),
    ("The solar cells are just 0.03 millimeter slim.", "0.03 millimeter",
     {"value": 0.03, "unit": "millimetre"}),
    ("The Lamborghini has a 640bhp 5.2 litre V10 engine.", "5.2 litre",
     {"value": 5.2, "unit": "litre"}),
    # money: signs and codes after the figure, spaced prefixes, cents, scale groups
    ("The concert ticket cost me 150 kn, a bit pricey.", "150 kn",
     {"value": 150, "currency": "HRK", "unit": "croatian kuna"}),
    ("Arnold bought a notebook for 1,200€ to work remotely.", "1,200€",
     {"value": 1200, "currency": "EUR"}),
    ("The client estimates an increase to 120 MEUR next year.", "120 MEUR",
     {"value": 1.2e8, "currency": "EUR"}),
    ("The simulator costs between c $ 16.4 million and more.", "c $ 16.4 million",
     {"value": 16.4e6, "currency": "CAD"}),
    ("It only cost thirteen dollars and forty-five cents.",
     "thirteen dollars and forty-five cents", {"value": 13.45, "currency": "USD"}),
    ("It is a blow to the 9 billion shekels tobacco industry.", "9 billion shekels",
     {"value": 9e9, "currency": "ILS"}),
    ("The company will spend $13.6M to retrofit a facility.", "$13.6M", {"value": 13.6e6}),
    # rates
    ("It boils down to $21.25 per square foot.", "$21.25 per square foot",
     {"unit": "dollar per square foot"}),
    ("It hosts one 52,000 barrel-a-day refinery.", "52,000 barrel-a-day",
     {"unit": "barrel per day"}),
    ("Revenue rose to $7.36 billion from $6.78 billion a year earlier.", "$6.78 billion",
     {"unit": "dollar", "change": "="}),
    ("The price will be between $62 and $68 per share.", "$62 and $68 per share",
     {"low": 62, "high": 68, "unit": "dollar per share"}),
    ("It pays a 12-cent-a-share dividend.", "12-cent-a-share", {"unit": "cent per share"}),
    # ranges with a gap, ranges that are a change
    ("Bitcoin plummeted from $36,040 at 10.45pm last night to $34,935 at 5am.",
     "$36,040 at 10.45pm last night to $34,935",
     {"low": 34935, "high": 36040, "change": "down"}),
    ("World temperatures dropped by 1 to 1.5 degrees Celsius.", "1 to 1.5 degrees Celsius",
     {"low": 1, "high": 1.5, "change": "down"}),
    # fractions
    ("A third of the population lives in the South East.", "A third",
     {"value": 1 / 3, "unit": "fraction", "kind": "ratio"}),
    ("One out of three Germans have housing problems.", "One out of three",
     {"value": 1 / 3, "unit": "fraction"}),
    ("Nearly two-thirds of the sales came from CDs.", "Nearly two-thirds",
     {"value": 2 / 3, "change": "~"}),
    ("One fluid ounce is 1/16 of a pint.", "1/16 of a pint", {"value": 1 / 16, "unit": "pint"}),
    ("Add 1/16 of the flour first.", "1/16", {"value": 1 / 16, "unit": "fraction"}),
    # changes: a hedge keeps "~", a count or a thing's figure takes no verb direction
    ("The index was up about 19 per cent for the year.", "about 19 per cent",
     {"change": "~"}),
    ("They would need to add ten users in Asia.", "ten", {"change": "="}),
    ("McDougal has been released from her $150,000 contract.", "$150,000", {"change": "="}),
    ("On Wall St: Dow +0.2% S&P 500 +0.3% Nasdaq +0.8%.", "+0.3%", {"change": "up"}),
    ("Customers with more than 7.5 million Danish crowns pay.",
     "more than 7.5 million Danish crowns", {"low": 7.5e6, "currency": "DKK",
                                             "unit": "danish krone"}),
    ("Chipmakers will produce sub-7 nanometer chips.", "sub-7 nanometer",
     {"high": 7, "change": "<", "unit": "nanometre"}),
    ("Operating profit was revised upward by $40 billion.", "$40 billion", {"change": "up"}),
    ("The DAX increased by 2 percent but the Nasdaq decreased by 1.", "1",
     {"change": "down"}),
    ("He has averaged 7.3 points this season.", "7.3", {"unit": "point", "change": "~"}),
    ("The Nasdaq is also trending up 0.2% today.", "0.2%", {"change": "up"}),
    ("Heineken Malaysia rose 18 sen to RM23.50.", "18 sen",
     {"value": 18, "unit": "sen", "change": "up"}),
    ("He has only raised 280 million of the 1.5 billion shekels he needs.",
     "1.5 billion shekels", {"change": "="}),
    ("The defense gave up 517 rushing yards.", "517", {"change": "="}),
    ("Am I eligible for a loan of 35 lakh rupees?", "35 lakh rupees",
     {"value": 3.5e6, "currency": "INR"}),
    ("This increased capacity to around 80, 000 spectators.", "around 80, 000",
     {"value": 80000, "counted": "spectator"}),
    ("She lives with her 18 month-old daughter.", "18 month-old",
     {"value": 18, "unit": "month of age", "kind": "age"}),
    ("Counted noun of a plural proper name: 1,307,000 Americans were collecting aid.",
     "1,307,000", {"counted": "american"}),
]


@pytest.mark.parametrize(("sentence", "text", "expected"), CASES, ids=[c[1] for c in CASES])
def test_quantity_in_context(nlp, sentence: str, text: str, expected: dict) -> None:
    doc = next(parse_texts(nlp, [sentence]))
    found = {q.text: q for q in quantities(doc)}
    assert text in found, f"{text!r} not in {list(found)}"
    q = found[text]
    assert doc.text[q.start:q.end] == q.text
    for field, value in expected.items():
        got = getattr(q, field)
        if isinstance(value, float | int) and got is not None:
            assert got == pytest.approx(value), field
        else:
            assert got == value, field


@pytest.mark.parametrize(
    ("sentence", "not_a_quantity"),
    [
        ("Spending in 2012-13 rose sharply.", "2012-13"),
        ("The S&P 500 closed higher.", "500"),
        ("Cases of Covid-19 fell.", "19"),
        ("The train left at 2.15pm yesterday.", "2.15"),
        ("They served a mix of rice and beans.", "mix"),
        ("Cases of COVID -19 fell.", "19"),
        ("Klay Thompson tied Game 7 at 89-89.", "7"),
        ("The category 4 hurricane had winds of 155mph.", "4"),
        ("Cayman Airways is grounding two new 737 Max jets.", "737"),
        ("Apple showed the iPhone 11 Pro to reporters.", "11"),
        ("They sold 49 Zorro Ranch Road in New Mexico.", "49"),
        ("Reusing the same one across accounts is a fail.", "one"),
        ("He bought a PS4 for his son.", "4"),
        ("They procured thousands of COVID -19 tests.", "19"),
        ("For the third quarter, sales rose 4.8 % to $ 1.45 billion.", "third"),
        ("It costs only 50 50 dollar bills.", "100"),
        ("Unit 3 at 16-18 Industrial Avenue has been leased.", "16"),
        ("Ander Herrera: 4 Started the game poorly.", "4"),
        ("The results were respectable in a third quarter when costs rose.", "third"),
    ],
)
def test_not_quantities(nlp, sentence: str, not_a_quantity: str) -> None:
    doc = next(parse_texts(nlp, [sentence]))
    assert not [q for q in quantities(doc) if not_a_quantity in q.text]


@pytest.mark.parametrize("text", ["2012-13", "S&P 500", "Covid-19", "2.15pm", "a mix", "",
                                  "50 50 dollar"])
def test_parse_quantity_refuses(text: str) -> None:
    assert parse_quantity(text) is None


def test_seed_figures(nlp) -> None:
    article = next(read_paths([SEED]))
    doc = next(parse_texts(nlp, [article.text]))
    found = list(quantities(doc))
    money = [q for q in found if q.kind == "money"]
    assert [(q.text, q.value, q.currency) for q in money] == [("£480million", 480e6, "GBP")]
    figures = {q.value for q in found} | {q.high for q in found}
    assert {400_000, 80_000, 7_569} <= figures
    percent = next(q for q in found if q.text == "25 per cent")
    assert (percent.value, percent.unit) == (25, "percentage")
    assert all(doc.text[q.start:q.end] == q.text for q in found)


@pytest.mark.parametrize(
    ("sentence", "text", "unit"),
    [
        ("Pressure fell to 950 hPa overnight.", "950 hPa", "hectopascal"),
        ("The line carries 20 kV of power.", "20 kV", "kilovolt"),
    ],
)
def test_quantulum3_adds_units_the_rules_do_not_know(nlp, sentence, text, unit) -> None:
    doc = next(parse_texts(nlp, [sentence]))
    (q,) = quantities(doc)
    assert (q.text, q.unit, q.source) == (text, unit, "quantulum3")
    assert next(iter(quantities(doc, use_quantulum=False))).unit is None


@pytest.mark.parametrize(
    ("text", "value", "high", "change", "unit"),
    [
        ("just 17", 17, None, "=", None),  # a stress, not a bound
        ("sub-7 nanometer", None, 7, "<", "nanometre"),
        ("75 USD million", 75e6, None, "=", "dollar"),
        ("115USD", 115, None, "=", "dollar"),
        ("10 $", 10, None, "=", "dollar"),
        ("100 ₡", 100, None, "=", "costa rican colón"),
        ("15 dollars 50", None, None, None, None),  # joined in context only
    ],
)
def test_parse_quantity_forms(text: str, value, high, change, unit) -> None:
    parsed = parse_quantity(text)
    if change is None:
        assert parsed is None
        return
    assert parsed is not None
    assert (parsed.value, parsed.high, parsed.change, parsed.unit) == (value, high, change, unit)


def test_parse_quantity_range_to_zero_does_not_divide_by_zero() -> None:
    parsed = parse_quantity("from 5 to 0")
    assert parsed is not None and (parsed.low, parsed.high, parsed.change) == (0, 5, "down")


@pytest.mark.parametrize(
    ("text", "value"),
    [("half a million", 5e5), ("a quarter of a million", 2.5e5),
     ("one and a half million", 1.5e6), ("three quarters billion us dollars", 7.5e8)],
)
def test_fractions_of_a_scale_are_numbers(text: str, value: float) -> None:
    parsed = parse_quantity(text)
    assert parsed is not None and parsed.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("sentence", "changes"),
    [
        # a list whose verb is left out: every figure takes the direction of the first
        ("The FTSE 100 fell 0.5 percent, the DAX 1.2 percent and the CAC 40 0.8 percent.",
         {"0.5 percent": "down", "1.2 percent": "down", "0.8 percent": "down"}),
        # a restatement in another unit takes the direction or bound of the figure before it
        ("The Dow was up 120 points, or 0.5 percent, on Monday.",
         {"120": "up", "0.5 percent": "up"}),
        ("Customers with more than 7.5 million Danish crowns (US $1.1 million) pay a fee.",
         {"more than 7.5 million Danish crowns": ">", "US $1.1 million": ">"}),
        # not a figure that describes a noun, nor a level after "to"
        ("Shares rose 5%, a 12% discount to the offer.", {"5%": "up", "12%": "="}),
    ],
)
def test_changes_shared_in_lists_and_restatements(nlp, sentence: str, changes: dict) -> None:
    doc = next(parse_texts(nlp, [sentence]))
    got = {q.text: q.change for q in quantities(doc)}
    for text, change in changes.items():
        assert got.get(text) == change, text


def test_restated_bound_keeps_its_figure_as_the_bound(nlp) -> None:
    doc = next(parse_texts(nlp, ["Customers with more than 7.5 million Danish crowns "
                                 "(US $1.1 million) pay a fee."]))
    q = next(q for q in quantities(doc) if q.currency == "USD")
    assert (q.value, q.low, q.high) == (None, pytest.approx(1.1e6), None)


def test_a_count_of_things_labelled_a_date_is_a_count(nlp) -> None:
    # spaCy labels the bare figure a DATE; the parse shows it counts strikes
    doc = next(parse_texts(nlp, ["Florida came second with 1385710 lightning strikes."]))
    q = next(q for q in quantities(doc) if q.value == 1385710)
    assert (q.kind, q.counted) == ("count", "strike")


def test_a_time_stays_a_time(nlp) -> None:
    doc = next(parse_texts(nlp, ["The meeting at 2 pm lasted 3 hours."]))
    assert [(q.value, q.unit) for q in quantities(doc)] == [(3.0, "hour")]


def test_any_unit_can_be_a_rate(nlp) -> None:
    doc = next(parse_texts(nlp, ["He averaged 25 points per game last season."]))
    q = next(iter(quantities(doc)))
    assert (q.text, q.value, q.unit) == ("25 points per game", 25.0, "point per game")


@pytest.mark.parametrize(
    ("sentence", "text", "change", "unit"),
    [
        # a sign is the change, both ways
        ("Nasdaq 100 -1.2%, S&P 500 +0.8%.", "-1.2%", "down", "percentage"),
        ("Nasdaq 100 -1.2%, S&P 500 +0.8%.", "+0.8%", "up", "percentage"),
        # a hedge before a range makes it approximate
        ("Mileage went from about 14-18 mpg to 24.", "about 14-18 mpg", "~", "mile per gallon"),
        # hedges of the complete lexicon
        ("The fund holds well over 300 tonnes of gold.", "well over 300 tonnes", ">", "tonne"),
        ("The car costs just shy of $40,000 in America.", "just shy of $40,000", "<", "dollar"),
    ],
)
def test_signs_and_hedges(nlp, sentence: str, text: str, change: str, unit: str) -> None:
    doc = next(parse_texts(nlp, [sentence]))
    got = {q.text: (q.change, q.unit) for q in quantities(doc)}
    assert got.get(text) == (change, unit), got


def test_percentage_points_are_a_unit(nlp) -> None:
    doc = next(parse_texts(nlp, ["Rates rose 0.25 percentage point after 3 percentage points."]))
    assert [(q.text, q.unit) for q in quantities(doc)] == [
        ("0.25 percentage point", "percentage point"), ("3 percentage points", "percentage point")]
