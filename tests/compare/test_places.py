from workbench.compare.places import named_more_fully


def test_a_place_named_more_fully_opens_with_the_shorter_name_and_ends_in_a_kind_of_place():
    assert named_more_fully("Tonghae", "the Tonghae Space Center")
    assert named_more_fully("Kent County", "Kent")
    assert named_more_fully("48th Street", "West 48th Street")  # a part of it, more exactly
    assert not named_more_fully("York", "New York")  # another place
    assert not named_more_fully("Panama", "the Panama Papers")  # no place at all
    assert not named_more_fully("Kent", "Kent")
