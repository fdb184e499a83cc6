"""The number reader of the comparison (workbench.compare.values)."""

import math

from workbench.compare.values import amounts


def _read(sentence: str) -> dict[str, tuple[float, float, str]]:
    return {a.text: (a.low, a.high, a.unit) for a in amounts(sentence)}


def test_a_number_of_dozens_is_counted_in_ones():
    assert _read("Two dozen protesters gathered outside.") == {"Two dozen": (24.0, 24.0, "")}
    got = _read("More than three dozen people were hurt and 4 dozen eggs broke.")
    assert got["More than three dozen"][0] == 37.0 and math.isinf(got["More than three dozen"][1])
    assert got["4 dozen"] == (48.0, 48.0, "")


def test_dozens_alone_stay_vague_and_units_still_follow_the_number():
    assert _read("Dozens of rescuers arrived.") == {"Dozens of": (24.0, 99.0, "")}
    assert _read("The 11-and-a-half hour flight was late.")["11-and-a-half hour"] == (
        11.5, 11.5, "hours")
