"""Marking other people's names in an access request's export (klachtenloket.domain.redaction):
the privacy officer relies on every third party and every staff member being marked, and on
the person's own name being left alone."""
from klachtenloket.domain.redaction import mark

OWN = ["Fatima el Amrani"]


def test_a_third_party_in_a_note_is_marked_and_the_own_name_is_not():
    text = "Fatima el Amrani belde. Ik sprak met haar buurman Jan de Vries over de brief."
    marked = mark(text, own_names=OWN)
    assert "[[REDACT? Jan de Vries]]" in marked
    assert "Fatima el Amrani belde" in marked
    assert "[[REDACT? Ik" not in marked, "a word that starts a sentence is not a name"


def test_staff_names_are_marked_wherever_they_stand():
    text = "Besproken met corrie jansen. Corrie Jansen belt terug."
    marked = mark(text, own_names=OWN, staff_names=["Corrie Jansen"])
    assert marked.count("[[REDACT? ") == 2
    assert "[[REDACT? corrie jansen]]" in marked and "[[REDACT? Corrie Jansen]]" in marked


def test_a_title_before_a_name_stays_readable_and_the_name_is_marked():
    assert mark("Mevrouw Bakker was boos.", own_names=OWN) == \
        "Mevrouw [[REDACT? Bakker]] was boos."
    assert mark("De klantmanager Pieter zei nee.", own_names=OWN) == \
        "De klantmanager [[REDACT? Pieter]] zei nee."


def test_public_words_and_plain_sentences_are_left_alone():
    text = "Gisteren ging ik naar het loket in Houten. Daar was niemand."
    assert mark(text, own_names=OWN, known_words=["Houten"]) == text


def test_the_own_name_in_parts_is_not_marked():
    assert mark("Mevrouw El Amrani en Fatima kwamen.", own_names=OWN) == \
        "Mevrouw El Amrani en Fatima kwamen."


def test_references_and_abbreviations_are_not_names():
    text = "Het nummer van uw klacht is KL-2026-00001. Het UWV en de AVG gelden."
    assert mark(text, own_names=OWN) == text
    assert mark("Ik sprak Jan-Willem Bos.", own_names=OWN) == \
        "Ik sprak [[REDACT? Jan-Willem Bos]]."
