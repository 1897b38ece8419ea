"""The publication line must not give away who complained (klachtenloket.domain.privacy_check):
the handler is told which field it contains, however the value is written."""
import pytest

from klachtenloket.domain.privacy_check import personal_data_in

COMPLAINT = {
    "name": "Fatima el Amrani", "street": "Dorpsstraat 1", "postcode": "3431 AB",
    "city": "Nieuwegein", "phone": "06-1234 5678", "email": "Fatima.Amrani@example.nl",
    "client_number": "778 899", "representative_name": "Joost van der Berg-Smit",
    "representative_phone": "+31 30 702 2330", "representative_email": "joost@example.nl",
    "description": "Ik werd niet teruggebeld.",
}


def test_an_anonymous_line_passes():
    assert personal_data_in("Een medewerker belde niet terug, terwijl dat was beloofd.",
                            COMPLAINT) == []


def test_empty_text_and_empty_fields_find_nothing():
    assert personal_data_in("", COMPLAINT) == []
    assert personal_data_in("Mevrouw Jansen belde.", {"name": "", "phone": None}) == []


@pytest.mark.parametrize("line", [
    "Mevrouw FATIMA   EL AMRANI werd niet teruggebeld.",
    "Mevrouw El Amrani werd niet teruggebeld.",
    "Klaagster Amrani werd niet teruggebeld.",
])
def test_the_name_in_any_case_and_spacing_or_the_surname_alone(line):
    assert personal_data_in(line, COMPLAINT) == ["name"]


@pytest.mark.parametrize("line", [
    "Bel haar op 0612345678.", "Bel haar op 06 12345678.", "Bel haar op (06) 1234-5678.",
    "Bel haar op +31 6 1234 5678.", "Bel haar op 0031612345678.", "Bel 06.12.34.56.78 terug.",
])
def test_a_phone_number_however_it_is_written(line):
    assert personal_data_in(line, COMPLAINT) == ["phone"]


@pytest.mark.parametrize("line", ["Woont op 3431AB.", "Woont op 3431 ab.", "Woont op 3431  AB."])
def test_a_postcode_with_or_without_its_space(line):
    assert personal_data_in(line, COMPLAINT) == ["postcode"]


def test_a_postcode_inside_a_longer_number_is_not_one():
    assert personal_data_in("Zaak 134312 ABC is dicht.", COMPLAINT) == []


def test_the_street_with_its_number_but_not_another_number():
    assert personal_data_in("Het gaat om dorpsstraat 1, Nieuwegein.", COMPLAINT) == ["street"]
    assert personal_data_in("Het gaat om Dorpsstraat 12.", COMPLAINT) == []


def test_an_email_address_in_any_case():
    assert personal_data_in("Mail naar joost@EXAMPLE.nl.", COMPLAINT) == \
        ["representative_email"]
    # This address carries the surname too: both are named.
    assert personal_data_in("Mail naar fatima.amrani@EXAMPLE.nl.", COMPLAINT) == \
        ["name", "email"]


@pytest.mark.parametrize("line", ["Klantnummer 778899.", "Klantnummer 778-899.",
                                  "Klantnummer 77 88 99."])
def test_the_client_number_with_other_separators(line):
    assert personal_data_in(line, COMPLAINT) == ["client_number"]


def test_a_client_number_inside_a_longer_number_is_not_it():
    assert personal_data_in("Dossier 17788991.", COMPLAINT) == []


def test_the_representatives_name_phone_and_email():
    line = ("Berg-Smit (030-7022330, joost@example.nl) diende de klacht in.")
    assert personal_data_in(line, COMPLAINT) == ["representative_name", "representative_phone",
                                                 "representative_email"]


def test_the_city_and_a_common_word_are_not_personal_data():
    """The municipality is published anyway; a first name alone does not say who it was."""
    assert personal_data_in("Een inwoner van Nieuwegein, Fatima, kreeg geen antwoord.",
                            COMPLAINT) == []


def test_initials_and_particles_alone_are_not_a_name():
    person = {"name": "J. P. de Vries"}
    assert personal_data_in("Het gaat om de vertraging.", person) == []
    assert personal_data_in("Meneer De Vries belde.", person) == ["name"]
    assert personal_data_in("Meneer Vries belde.", person) == ["name"]


def test_every_field_is_named_once_in_a_fixed_order():
    line = ("Fatima el Amrani, Dorpsstraat 1, 3431 AB, 06 12345678, fatima.amrani@example.nl, "
            "klant 778899")
    assert personal_data_in(line, COMPLAINT) == ["name", "street", "postcode", "phone",
                                                 "email", "client_number"]
