"""Measures in a real browser: the coordinator adds one on a decided complaint (a wrong date
first: the message at the field, the text kept), the owner finds it in the open measures and
marks it done; axe finds nothing on either page, also 320 px wide."""
from datetime import date

import pytest

from klachtenloket.domain.roles import COORDINATOR, HANDLER
from klachtenloket.models import Complaint, Event
from klachtenloket.services import accounts
from tests.browser.conftest import STAFF_PASSWORD, screenshot, staff_log_in

REFERENCE = "KL-1992-00001"     # a year no other browser test uses
COORDINATOR_EMAIL = "measures-coordinator@example.nl"
OWNER_EMAIL = "measures-owner@example.nl"


@pytest.fixture(scope="module")
def decided_complaint(live_database):
    with live_database():
        accounts.create(COORDINATOR_EMAIL, "Coby Maatregel", COORDINATOR, STAFF_PASSWORD)
        accounts.create(OWNER_EMAIL, "Olaf Eigenaar", HANDLER, STAFF_PASSWORD)
        complaint = Complaint.create(reference=REFERENCE, name="Inwoner Maatregel",
                                     description="Niet teruggebeld.", channel="phone",
                                     received_on=date(1992, 3, 3), state="decided")
        Event.create(complaint=complaint, actor="system", kind="received")
    return REFERENCE


def test_a_measure_is_added_and_followed_up(new_context, decided_complaint, axe_check):
    page = new_context().new_page()
    staff_log_in(page, COORDINATOR_EMAIL)
    page.goto(f"/beheer/klachten/{REFERENCE}")
    page.click("#measures ~ details summary")
    page.fill("#measure-text", "Het team oefent met terugbellen.")
    page.select_option("#measure-owner", label="Olaf Eigenaar")
    page.fill("#measure-due_on", "volgende week")
    page.click("#measure-form button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("#measure-due_on-error").is_visible()
    assert page.input_value("#measure-text") == "Het team oefent met terugbellen."
    axe_check(page)

    page.fill("#measure-due_on", "01-12-2099")
    page.click("#measure-form button[type=submit]")
    page.wait_for_load_state()
    assert "Het team oefent met terugbellen." in page.inner_text("ul.measures")
    axe_check(page)
    screenshot(page, "measure-on-complaint")

    owner = new_context().new_page()
    staff_log_in(owner, OWNER_EMAIL)
    owner.click("nav.staff-nav a[href='/beheer/maatregelen']")
    owner.wait_for_load_state()
    item = owner.locator("li.measure", has_text="Het team oefent met terugbellen.")
    assert item.count() == 1
    axe_check(owner)
    owner.set_viewport_size({"width": 320, "height": 700})
    assert owner.evaluate("document.documentElement.scrollWidth") <= 320
    screenshot(owner, "measures-open")
    item.locator("select").select_option("done")
    item.locator("button[type=submit]").click()
    owner.wait_for_load_state()
    assert owner.locator("li.measure", has_text="Het team oefent met terugbellen.").count() == 0
