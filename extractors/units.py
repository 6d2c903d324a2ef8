"""Currencies and units of measure: the surface forms claimwire reads, with ISO 4217 codes
and canonical unit names (NewsQuant's where it has one).

Currency names of several words ("Kenyan shillings", "Pakistani rupees") come from
pycountry's ISO 4217 table; signs, codes and common words are listed here.
"""

from __future__ import annotations

#: Currency signs and codes -> ISO 4217, with the canonical unit name NewsQuant uses.
CURRENCIES = {
    "£": ("GBP", "pound sterling"), "gbp": ("GBP", "pound sterling"),
    "$": ("USD", "dollar"), "us$": ("USD", "dollar"), "usd": ("USD", "dollar"),
    "€": ("EUR", "euro"), "eur": ("EUR", "euro"), "¥": ("JPY", "japanese yen"),
    "jpy": ("JPY", "japanese yen"), "₹": ("INR", "indian rupee"), "rs": ("INR", "indian rupee"),
    "rs.": ("INR", "indian rupee"), "inr": ("INR", "indian rupee"),
    "a$": ("AUD", "australian dollar"), "aud": ("AUD", "australian dollar"),
    "c$": ("CAD", "canadian dollar"), "cad": ("CAD", "canadian dollar"),
    "hk$": ("HKD", "hong kong dollar"), "chf": ("CHF", "swiss franc"),
    "$us": ("USD", "dollar"), "$a": ("AUD", "australian dollar"),
    "nz$": ("NZD", "new zealand dollar"), "s$": ("SGD", "singapore dollar"),
    "sgd": ("SGD", "singapore dollar"), "hkd": ("HKD", "hong kong dollar"),
    "nzd": ("NZD", "new zealand dollar"), "rm": ("MYR", "malaysian ringgit"),
    "myr": ("MYR", "malaysian ringgit"), "cny": ("CNY", "chinese yuan"),
    "rmb": ("CNY", "chinese yuan"), "r$": ("BRL", "brazilian real"),
    # ASCII transliterations of scraped text (unidecode): "£2.7m" -> "PS2.7m", "¥590" -> "Y=590".
    "ps": ("GBP", "pound sterling"), "y=": ("JPY", "japanese yen"),
    "mxn$": ("MXN", "mexican peso"), "mex$": ("MXN", "mexican peso"),
    "cad$": ("CAD", "canadian dollar"),
}
#: Codes of millions in finance tables: "120 MEUR" is 120 million euros.
MILLION_CODES = {f"m{code}" for code in ("usd", "eur", "gbp", "aud", "cad", "chf", "jpy")}
CURRENCY_WORDS = {
    "pound": ("GBP", "pound sterling"), "pounds": ("GBP", "pound sterling"),
    "sterling": ("GBP", "pound sterling"), "dollar": ("USD", "dollar"),
    "dollars": ("USD", "dollar"), "euro": ("EUR", "euro"), "euros": ("EUR", "euro"),
    "yen": ("JPY", "japanese yen"), "rupee": ("INR", "indian rupee"),
    "rupees": ("INR", "indian rupee"), "yuan": ("CNY", "chinese yuan"),
    "renminbi": ("CNY", "chinese yuan"), "francs": ("CHF", "swiss franc"),
    "krone": ("DKK", "danish krone"), "kroner": ("DKK", "danish krone"),
    "krona": ("SEK", "swedish krona"), "kronor": ("SEK", "swedish krona"),
    "shekel": ("ILS", "shekel"), "shekels": ("ILS", "shekel"),
    "ringgit": ("MYR", "malaysian ringgit"), "peso": ("MXN", "mexican peso"),
    "pesos": ("MXN", "mexican peso"), "lira": ("TRY", "turkish lira"),
    "rand": ("ZAR", "south african rand"), "rouble": ("RUB", "russian ruble"),
    "roubles": ("RUB", "russian ruble"), "ruble": ("RUB", "russian ruble"),
    "rubles": ("RUB", "russian ruble"), "bitcoin": ("XBT", "bitcoin"),
    "bitcoins": ("XBT", "bitcoin"), "cents": ("USD", "cent"), "cent": ("USD", "cent"),
    "pence": ("GBP", "penny"), "sen": ("MYR", "sen"),
    "kuna": ("HRK", "croatian kuna"), "kn": ("HRK", "croatian kuna"),
    "korunas": ("CZK", "czech koruna"),
    "koruna": ("CZK", "czech koruna"), "rupiah": ("IDR", "indonesian rupiah"),
    "baht": ("THB", "thai baht"), "zloty": ("PLN", "polish zloty"),
    "zlotys": ("PLN", "polish zloty"), "forint": ("HUF", "hungarian forint"),
    "forints": ("HUF", "hungarian forint"), "dirhams": ("AED", "uae dirham"),
    "dirham": ("AED", "uae dirham"), "riyals": ("SAR", "saudi riyal"),
    "riyal": ("SAR", "saudi riyal"), "naira": ("NGN", "nigerian naira"),
    "reais": ("BRL", "brazilian real"), "hryvnias": ("UAH", "ukrainian hryvnia"),
    "hryvnia": ("UAH", "ukrainian hryvnia"),
}
#: Signs written after the figure ("1,200€", "10 $", "100 ₡").
CURRENCY_SIGNS = {"$": ("USD", "dollar"), "€": ("EUR", "euro"), "£": ("GBP", "pound sterling"),
                  "¥": ("JPY", "japanese yen"), "₹": ("INR", "indian rupee"),
                  "₡": ("CRC", "costa rican colón"), "₭": ("LAK", "lao kip"),
                  "₩": ("KRW", "south korean won"), "₽": ("RUB", "russian ruble"),
                  "₺": ("TRY", "turkish lira"), "₱": ("PHP", "philippine peso"),
                  "₦": ("NGN", "nigerian naira"), "₴": ("UAH", "ukrainian hryvnia"),
                  "฿": ("THB", "thai baht"), "₫": ("VND", "vietnamese dong")}
#: "10.5 million Australian dollars": the adjective names the dollar.
DOLLAR_COUNTRIES = {"australian": ("AUD", "australian dollar"),
                    "canadian": ("CAD", "canadian dollar"), "hong": ("HKD", "hong kong dollar"),
                    "kong": ("HKD", "hong kong dollar"), "zealand": ("NZD", "new zealand dollar"),
                    "singapore": ("SGD", "singapore dollar"), "us": ("USD", "dollar"),
                    "american": ("USD", "dollar")}
#: "7.5 million Danish crowns": the adjective names the crown.
CROWNS = {"danish": ("DKK", "danish krone"), "norwegian": ("NOK", "norwegian krone"),
          "swedish": ("SEK", "swedish krona"), "czech": ("CZK", "czech koruna"),
          "icelandic": ("ISK", "icelandic krona")}
#: Currency nouns of ISO 4217 names: "Kenyan shillings", "Egyptian pounds", "Swiss francs".
_CURRENCY_NOUNS = frozenset({
    "dollar", "pound", "peso", "franc", "dinar", "rial", "riyal", "rupee", "shilling", "krone",
    "krona", "lira", "real", "ruble", "dirham", "won", "yuan", "leu", "lev", "mark", "kwacha",
    "florin", "manat", "colon", "cedi", "birr", "ringgit", "rand", "sheqel", "sol", "som",
    "sum", "guilder", "escudo", "dram", "metical", "kip", "koruna", "dong", "rupiah"})
#: Plurals that are not the noun plus "s" or "es".
_CURRENCY_PLURALS = {"kroner": "krone", "kronor": "krona", "reais": "real", "lire": "lira",
                     "lei": "leu", "leva": "lev", "korunas": "koruna", "roubles": "ruble",
                     "rouble": "ruble", "shekels": "sheqel", "shekel": "sheqel",
                     "crowns": "krone", "crown": "krone"}


def _currency_noun(word: str) -> str | None:
    """The singular ISO currency noun of ``word``: "shillings" -> "shilling", "kroner" ->
    "krone"; None for other words."""
    for singular in (_CURRENCY_PLURALS.get(word), word, word[:-1], word[:-2]):
        if singular in _CURRENCY_NOUNS:
            return singular
    return None


def _named_currencies() -> dict[tuple[str, ...], tuple[str, str]]:
    """ISO 4217 names of several words, keyed by their lower-case words with the noun
    singular, and the adjectival forms news writes ("Pakistan Rupee": also "pakistani
    rupee"): (code, canonical name). A currency claimwire already names keeps its name
    ("Swiss Franc" is "swiss franc", "Danish Krone" "danish krone")."""
    import pycountry

    known = {code: name for code, name in (*CURRENCIES.values(), *CURRENCY_WORDS.values(),
                                           *DOLLAR_COUNTRIES.values(), *CROWNS.values())}
    named: dict[tuple[str, ...], tuple[str, str]] = {}
    for currency in pycountry.currencies:
        words = currency.name.lower().split()
        if not 2 <= len(words) <= 3 or words[-1] not in _CURRENCY_NOUNS \
                or not all(w.isalpha() for w in words):
            continue
        value = (currency.alpha_3, known.get(currency.alpha_3, " ".join(words)))
        place = words[1:-1] if words[0] == "new" and len(words) == 3 else words[:-1]
        for form in ("", "i", "n", "ian", "ese"):  # "pakistani", "sri lankan", "taiwanese"
            named.setdefault((*place[:-1], place[-1] + form, words[-1]), value)
            named.setdefault((*words[:-2], words[-2] + form, words[-1]), value)
    for adjective, value in CROWNS.items():  # "Danish crowns", "Czech crowns"
        named[(adjective, "krone")] = named[(adjective, "koruna")] = value
    return named


NAMED_CURRENCIES = _named_currencies()


def named_currency(words: tuple[str, ...]) -> tuple[str, str] | None:
    """(code, canonical name) for lower-case words ending in a currency noun: ("kenyan",
    "shillings") -> ("KES", "kenyan shilling"); None when they name none."""
    noun = _currency_noun(words[-1]) if words else None
    return NAMED_CURRENCIES.get((*words[:-1], noun)) if noun else None


#: Nouns a rate is "per": "$58.24 per barrel", "63 cents a share", "$3500 a month".
RATE_NOUNS = frozenset({"share", "barrel", "gallon", "litre", "liter", "month", "year", "week",
                        "day", "hour", "head", "person", "ounce", "tonne", "ton", "gram",
                        "kilogram", "kg", "unit", "annum", "night", "mile", "foot", "metre",
                        "game", "capita", "household", "pupil", "patient", "century",
                        "decade", "minute", "second", "kilometre", "km"})
#: Units of measure claimwire reads itself: surface -> (canonical name, kind, factor).
UNITS: dict[str, tuple[str, str, float]] = {
    "mph": ("mile per hour", "speed", 1), "km/h": ("kilometre per hour", "speed", 1),
    "kph": ("kilometre per hour", "speed", 1), "knots": ("knot", "speed", 1),
    "km": ("kilometre", "length", 1), "kilometres": ("kilometre", "length", 1),
    "kilometers": ("kilometre", "length", 1), "miles": ("mile", "length", 1),
    "mile": ("mile", "length", 1), "metres": ("metre", "length", 1),
    "meters": ("metre", "length", 1), "m": ("metre", "length", 1), "feet": ("foot", "length", 1),
    "ft": ("foot", "length", 1), "inches": ("inch", "length", 1), "cm": ("centimetre", "length", 1),
    "kg": ("kilogram", "mass", 1), "kilograms": ("kilogram", "mass", 1),
    "kilos": ("kilogram", "mass", 1), "tonnes": ("tonne", "mass", 1), "tons": ("ton", "mass", 1),
    "lbs": ("pound-mass", "mass", 1), "grams": ("gram", "mass", 1), "g": ("gram", "mass", 1),
    "°c": ("degree celsius", "temperature", 1), "c": ("degree celsius", "temperature", 1),
    "celsius": ("degree celsius", "temperature", 1), "°f": ("degree fahrenheit", "temperature", 1),
    "fahrenheit": ("degree fahrenheit", "temperature", 1),
    "degrees": ("degree", "temperature", 1), "degree": ("degree", "temperature", 1),
    "acres": ("acre", "area", 1),
    "degrees celsius": ("degree celsius", "temperature", 1),
    "degrees fahrenheit": ("degree fahrenheit", "temperature", 1),
    "degrees c": ("degree celsius", "temperature", 1),
    "degrees f": ("degree fahrenheit", "temperature", 1),
    "deg": ("degree", "temperature", 1), "degs": ("degree", "temperature", 1),
    "deg c": ("degree celsius", "temperature", 1), "deg f": ("degree fahrenheit", "temperature", 1),
    "deg celsius": ("degree celsius", "temperature", 1),
    "deg fahrenheit": ("degree fahrenheit", "temperature", 1),
    "centigrade": ("degree celsius", "temperature", 1),
    "degrees centigrade": ("degree celsius", "temperature", 1), "°": ("degree", "temperature", 1),
    "kelvin": ("kelvin", "temperature", 1), "kelvins": ("kelvin", "temperature", 1),
    "hectares": ("hectare", "area", 1), "litres": ("litre", "volume", 1),
    "liters": ("litre", "volume", 1), "gallons": ("gallon", "volume", 1),
    "barrels": ("barrel", "volume", 1), "barrel": ("barrel", "volume", 1),
    "gw": ("gigawatt", "power", 1),
    "mw": ("megawatt", "power", 1), "kwh": ("kilowatt hour", "energy", 1),
    "mb": ("megabyte", "data", 1), "gb": ("gigabyte", "data", 1), "tb": ("terabyte", "data", 1),
    "w": ("watt", "power", 1), "kw": ("kilowatt", "power", 1),
    "mpg": ("mile per gallon", "fuel economy", 1), "hz": ("hertz", "frequency", 1),
    "ghz": ("gigahertz", "frequency", 1), "mhz": ("megahertz", "frequency", 1),
    "yards": ("yard", "length", 1), "yd": ("yard", "length", 1), "mm": ("millimetre", "length", 1),
    "ml": ("millilitre", "volume", 1), "hp": ("horsepower", "power", 1),
    "bhp": ("brake horsepower", "power", 1), "sq ft": ("square foot", "area", 1),
    "points": ("point", "count", 1), "point": ("point", "count", 1),
    "miles per hour": ("mile per hour", "speed", 1), "mile per hour": ("mile per hour", "speed", 1),
    "kilometres per hour": ("kilometre per hour", "speed", 1),
    "kilometers per hour": ("kilometre per hour", "speed", 1),
    "km per hour": ("kilometre per hour", "speed", 1), "km/hr": ("kilometre per hour", "speed", 1),
    "miles per gallon": ("mile per gallon", "fuel economy", 1),
    "mg": ("milligram", "mass", 1), "mah": ("milliampere-hour", "charge", 1),
    "sq m": ("square metre", "area", 1), "m2": ("square metre", "area", 1),
    "sq km": ("square kilometre", "area", 1), "km2": ("square kilometre", "area", 1),
    "square feet": ("square foot", "area", 1),
    "square metres": ("square metre", "area", 1), "square miles": ("square mile", "area", 1),
    "kilometer": ("kilometre", "length", 1), "kilometre": ("kilometre", "length", 1),
    "liter": ("litre", "volume", 1), "litre": ("litre", "volume", 1), "l": ("litre", "volume", 1),
    "meter": ("metre", "length", 1), "metre": ("metre", "length", 1),
    "inch": ("inch", "length", 1), "foot": ("foot", "length", 1), "lb": ("pound-mass", "mass", 1),
    "ounces": ("ounce", "mass", 1), "oz": ("ounce", "mass", 1),
    "nanometers": ("nanometre", "length", 1), "nanometres": ("nanometre", "length", 1),
    "gwh": ("gigawatt hour", "energy", 1), "mwh": ("megawatt hour", "energy", 1),
    "millimetres": ("millimetre", "length", 1), "millimeters": ("millimetre", "length", 1),
    "millimetre": ("millimetre", "length", 1), "millimeter": ("millimetre", "length", 1),
    "centimetres": ("centimetre", "length", 1), "centimeters": ("centimetre", "length", 1),
    "nanometre": ("nanometre", "length", 1), "nanometer": ("nanometre", "length", 1),
    "μm": ("micrometre", "length", 1), "micrometres": ("micrometre", "length", 1),
    "micrometers": ("micrometre", "length", 1), "microns": ("micrometre", "length", 1),
    "″": ("inch", "length", 1),
    "kilowatts": ("kilowatt", "power", 1), "megawatts": ("megawatt", "power", 1),
    "gigawatts": ("gigawatt", "power", 1), "watts": ("watt", "power", 1),
    "basis points": ("basis point", "percent", 1), "basis point": ("basis point", "percent", 1),
    "bps": ("basis point", "percent", 1), "bp": ("basis point", "percent", 1),
    "pound-feet": ("pound-foot", "torque", 1), "pound-foot": ("pound-foot", "torque", 1),
    "lb-ft": ("foot pound-force", "torque", 1), "newton metres": ("newton metre", "torque", 1),
    "newton meters": ("newton metre", "torque", 1), "gpa": ("gigapascal", "pressure", 1),
    "gigapascals": ("gigapascal", "pressure", 1), "rpm": ("revolutions per minute", "frequency", 1),
    "cubic feet": ("cubic foot", "volume", 1), "cubic metres": ("cubic metre", "volume", 1),
    "square kilometres": ("square kilometre", "area", 1),
    "square kilometers": ("square kilometre", "area", 1), "hectare": ("hectare", "area", 1),
    "acre": ("acre", "area", 1), "tonne": ("tonne", "mass", 1), "ton": ("ton", "mass", 1),
    "kilogram": ("kilogram", "mass", 1), "gram": ("gram", "mass", 1),
    "ounce": ("ounce", "mass", 1), "gallon": ("gallon", "volume", 1),
    "yard": ("yard", "length", 1), "centimetre": ("centimetre", "length", 1),
    "centimeter": ("centimetre", "length", 1), "kilowatt": ("kilowatt", "power", 1),
    "megawatt": ("megawatt", "power", 1), "gigawatt": ("gigawatt", "power", 1),
    "watt": ("watt", "power", 1), "megabytes": ("megabyte", "data", 1),
    "gigabytes": ("gigabyte", "data", 1), "terabytes": ("terabyte", "data", 1),
    "square mile": ("square mile", "area", 1), "square foot": ("square foot", "area", 1),
    "square metre": ("square metre", "area", 1), "square meter": ("square metre", "area", 1),
    "square meters": ("square metre", "area", 1), "cubic metre": ("cubic metre", "volume", 1),
    "kilowatt hours": ("kilowatt hour", "energy", 1),
    "kilowatt-hours": ("kilowatt hour", "energy", 1),
    "kilowatt-hour": ("kilowatt hour", "energy", 1),
    "km²": ("square kilometre", "area", 1), "m²": ("square metre", "area", 1),
    "cm²": ("square centimetre", "area", 1), "ft²": ("square foot", "area", 1),
    "m³": ("cubic metre", "volume", 1), "m3": ("cubic metre", "volume", 1),
    "kmh": ("kilometre per hour", "speed", 1), "kmph": ("kilometre per hour", "speed", 1),
    "m/s": ("metre per second", "speed", 1),
    "megabits": ("megabit", "data", 1), "megabit": ("megabit", "data", 1),
    "kilobytes": ("kilobyte", "data", 1), "kilobyte": ("kilobyte", "data", 1),
    "kb": ("kilobyte", "data", 1), "bits": ("bit", "data", 1), "bytes": ("byte", "data", 1),
    "gigabits": ("gigabit", "data", 1), "gigabit": ("gigabit", "data", 1),
    "petabytes": ("petabyte", "data", 1), "petabyte": ("petabyte", "data", 1),
    "tablespoons": ("tablespoon", "volume", 1), "tablespoon": ("tablespoon", "volume", 1),
    "tbsp": ("tablespoon", "volume", 1), "teaspoons": ("teaspoon", "volume", 1),
    "teaspoon": ("teaspoon", "volume", 1), "tsp": ("teaspoon", "volume", 1),
    "cups": ("cup", "volume", 1), "pints": ("pint", "volume", 1), "pint": ("pint", "volume", 1),
    "quarts": ("quart", "volume", 1), "quart": ("quart", "volume", 1),
    "millilitres": ("millilitre", "volume", 1), "milliliters": ("millilitre", "volume", 1),
    "millilitre": ("millilitre", "volume", 1), "milliliter": ("millilitre", "volume", 1),
    "light years": ("light-year", "length", 1), "light-years": ("light-year", "length", 1),
    "light year": ("light-year", "length", 1), "light-year": ("light-year", "length", 1),
    "sq. ft.": ("square foot", "area", 1), "sq. ft": ("square foot", "area", 1),
    "stone": ("stone", "mass", 1),
    "megawatt hours": ("megawatt hour", "energy", 1),
    "kbps": ("kilobit per second", "data rate", 1),
    "mbps": ("megabit per second", "data rate", 1),
    "gbps": ("gigabit per second", "data rate", 1),
    "kbit/s": ("kilobit per second", "data rate", 1),
    "mbit/s": ("megabit per second", "data rate", 1), "cc": ("cubic centimetre", "volume", 1),
    "bpd": ("barrel per day", "volume", 1), "sq miles": ("square mile", "area", 1),
    "sq mile": ("square mile", "area", 1), "sq mi": ("square mile", "area", 1),
    "nautical miles": ("nautical mile", "length", 1),
    "nautical mile": ("nautical mile", "length", 1),
    "volts": ("volt", "voltage", 1), "volt": ("volt", "voltage", 1),
    "kilovolts": ("kilovolt", "voltage", 1),
    "amps": ("ampere", "current", 1), "amperes": ("ampere", "current", 1),
}
#: Unit symbols whose meaning depends on case: "450 Nm" of torque, a "7nm" chip, "300 PS".
CASED_UNITS: dict[str, tuple[str, str, float]] = {
    "Nm": ("newton metre", "torque", 1), "nm": ("nanometre", "length", 1),
    "PS": ("horsepower", "power", 1),
}
DURATION_UNITS = {"second": "second", "sec": "second", "min": "minute", "mins": "minute",
                  "hr": "hour", "hrs": "hour", "minute": "minute", "hour": "hour", "day": "day",
                  "week": "week", "month": "month", "year": "year", "decade": "decade"}
