"""The parts of the configuration an administrator sets for the intake (issue 5), as the domain
reads them: the questions asked, the units with their managers, the languages and the logo."""
import pytest

from klachtenloket.domain.organisation import Organisation, load_preset


def org(**intake) -> Organisation:
    data = load_preset("wil-lekstroom")
    data["intake"] = {**data["intake"], **intake}
    return Organisation.from_dict(data)


def test_without_fields_the_date_is_required_and_the_rest_optional():
    wil = Organisation.from_dict(load_preset("wil-lekstroom"))
    assert wil.field_state("event_date") == "required"
    assert wil.field_state("client_number") == "optional"


def test_a_client_number_can_never_be_required():
    with pytest.raises(ValueError, match="client_number cannot be required"):
        org(fields={"client_number": "required"})
    assert org(fields={"client_number": "off"}).field_state("client_number") == "off"


def test_an_answer_route_needs_its_question():
    with pytest.raises(ValueError, match="offers email"):
        org(fields={"email": "off"}, reply_by=["letter", "email"])
    assert org(fields={"email": "off"}, reply_by=["letter"]).field_state("email") == "off"


def test_unknown_questions_and_states_are_refused():
    with pytest.raises(ValueError, match="unknown question"):
        org(fields={"shoe_size": "optional"})
    with pytest.raises(ValueError, match="must be one of"):
        org(fields={"phone": "sometimes"})


def test_units_are_names_or_tables_with_a_manager():
    units = org(units=["Werk", {"name": "Inkomen", "manager": "Mira@Example.nl"}])
    assert units.units == ("Werk", "Inkomen")
    assert units.manager_of("Inkomen") == "mira@example.nl" and units.manager_of("Werk") == ""
    with pytest.raises(ValueError, match="more than once"):
        org(units=["Werk", {"name": "Werk"}])


def test_languages_and_logo_are_checked():
    assert org(languages=["nl", "tr"]).languages == ("nl", "tr")
    with pytest.raises(ValueError, match="language codes"):
        org(languages=["Nederlands"])
    data = load_preset("wil-lekstroom")
    data["organisation"]["logo"] = "logo.svg"
    with pytest.raises(ValueError, match="SHA-256"):
        Organisation.from_dict(data)
