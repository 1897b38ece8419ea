"""An invented register for Werk en Inkomen Lekstroom, 2021-2025, whose yearly report for 2024
shows exactly the figures of WIL's annual report 2024 (seed 002; domain section 6): received by
unit and category, by municipality with the three years before, outcomes of the complaints
handled with the two years before, 4 formal (one handled by a manager, as it was about the
coordinator), every 2024 decision within its term.

`plan` is plain Python: which complaints, when, how they end (seeded, so every run is the
same). `fill` stores them through the services staff use (intake, casework), backdated: the
complaint's receipt and every step carry their own date, so the register's columns are the
ones casework computes, not numbers written in. Every person, address, e-mail address, phone
and client number is invented; e-mail addresses are at example.nl.
"""
from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

PRESET = "wil-lekstroom"
SEED = 2024

BEJEGENING = "Bejegening"
INFORMATIE = "Gebrekkige informatie / nalatigheid"
DUUR = "Afhandelingsduur"

# Domain section 6: received in 2024 by unit and category.
RECEIVED_2024 = {
    "Inkomen": {BEJEGENING: 4, INFORMATIE: 3, DUUR: 0},
    "SHV": {BEJEGENING: 5, INFORMATIE: 3, DUUR: 0},
    "Inkomensondersteuning": {BEJEGENING: 0, INFORMATIE: 4, DUUR: 1},
    "Werk": {BEJEGENING: 18, INFORMATIE: 2, DUUR: 0},
    "Bedrijfsvoering": {BEJEGENING: 4, INFORMATIE: 3, DUUR: 0},
}
# Received by municipality, 2024 and the three years before.
RECEIVED_BY_MUNICIPALITY = {
    2024: {"IJsselstein": 15, "Houten": 9, "Nieuwegein": 22, "Lopik": 1},
    2023: {"IJsselstein": 10, "Houten": 7, "Nieuwegein": 22, "Lopik": 1},
    2022: {"IJsselstein": 12, "Houten": 5, "Nieuwegein": 32, "Lopik": 3},
    2021: {"IJsselstein": 8, "Houten": 9, "Nieuwegein": 17, "Lopik": 0},
}
# "withdrawn": the complainant withdrew it (no decision: the register's outcome stays empty
# and its state is "withdrawn"); every other key is a decision's outcome.
WITHDRAWN = "withdrawn"
OUTCOME_KEYS = ("upheld", "partly_upheld", "not_upheld", "resolved_by_agreement", WITHDRAWN,
                "not_admissible")
# Outcomes of the complaints handled in the year (decided or withdrawn, whenever received).
HANDLED_OUTCOMES = {
    2024: dict(zip(OUTCOME_KEYS, (3, 6, 21, 15, 0, 2))),
    2023: dict(zip(OUTCOME_KEYS, (6, 6, 7, 19, 2, 3))),
    2022: dict(zip(OUTCOME_KEYS, (5, 2, 9, 23, 2, 9))),
    # Not in the report: invented, to round off the years around it.
    2021: dict(zip(OUTCOME_KEYS, (4, 3, 8, 12, 1, 3))),
    2025: dict(zip(OUTCOME_KEYS, (0, 0, 1, 1, 0, 0))),
}
FORMAL = {2024: 4, 2023: 3, 2022: 5, 2021: 3, 2025: 0}
# Handled ≠ incoming: complaints received late in the year before and handled in this one.
# The report gives only the totals; these numbers make received and handled both match.
CARRIED_INTO = {2022: 3, 2023: 5, 2024: 2, 2025: 2}
# Decisions that came after their term (days late), outside 2024.
LATE = {2022: (3, 9)}

# How the 2024 complaints came in (seed 002: mostly the web form; also e-mail, phone and via
# staff, registered as "desk"); other years are drawn with these weights.
CHANNELS_2024 = {"web": 28, "email": 9, "phone": 6, "desk": 4}
CHANNEL_WEIGHTS = {"web": 58, "email": 20, "phone": 12, "desk": 8, "letter": 2}

# The nine (partly) upheld complaints of 2024 and their line for publication (seed 002, "Waar
# ging het om"), each with the unit and category it is counted under: (unit, category,
# outcome, formal, summary).
UPHELD_2024 = (
    ("Werk", INFORMATIE, "partly_upheld", False,
     "Een verschil van inzicht over welke (privacygevoelige) gegevens moeten worden verstrekt "
     "aan een werkcoach."),
    ("Werk", BEJEGENING, "partly_upheld", False,
     "Het niet afstemmen van de intensiteit van een gesprek over werk op door betrokkene "
     "vooraf aangegeven beperkingen."),
    ("Werk", INFORMATIE, "upheld", False,
     "Het ten onrechte (niet volgens de wet) opleggen van arbeidsverplichtingen aan een "
     "alleenstaande ouder."),
    ("Inkomen", INFORMATIE, "upheld", True,
     "Een ten onrechte verzonden 'dreigbrief' en oproep voor een hoorgesprek, terwijl eerdere "
     "brieven de klager niet hadden bereikt."),
    ("Werk", BEJEGENING, "partly_upheld", False,
     "Onduidelijkheid over de reden van een oproep voor een gesprek over werk."),
    ("SHV", BEJEGENING, "partly_upheld", True, "De vooringenomen houding van een consulent "
     "schuldhulpverlening."),
    ("Werk", BEJEGENING, "partly_upheld", False, "Het niet gehoord en gezien worden door de "
     "werkcoach."),
    ("Bedrijfsvoering", BEJEGENING, "partly_upheld", False,
     "Bejegening door een medewerker van de klantenservice."),
    ("Inkomensondersteuning", INFORMATIE, "upheld", False,
     "Een fout bij de verlenging van een stadspas."),
)
# The formal complaint about the coordinator's handling of an earlier complaint (seed 002):
# a manager handles it.
ABOUT_COORDINATOR = ("Bedrijfsvoering", BEJEGENING, "not_upheld")

OTHER_SUMMARIES = (
    "Een brief over een wijziging van de uitkering kwam te laat.",
    "Een medewerker belde niet terug, terwijl dat was beloofd.",
    "Onduidelijke uitleg over de terugvordering van een toeslag.",
    "Een afspraak met de werkcoach werd zonder bericht verzet.",
    "Een aanvraag bleef lang liggen zonder bericht.",
    "De toon van een e-mail van een consulent.",
)

# Invented staff: printed with a one-time password when made.
STAFF = (
    ("coordinator", "coordinator@wil-demo.example.nl", "Corrie Coördinator"),
    ("handler", "hanneke@wil-demo.example.nl", "Hanneke Handelaar"),
    ("handler", "bram@wil-demo.example.nl", "Bram Behandelaar"),
    ("reader", "manager@wil-demo.example.nl", "Mirjam Manager"),
)


@dataclass
class Plan:
    """One invented complaint: how it came in, how it is classified and how it ends."""
    received_on: date
    channel: str
    unit: str
    category: str
    municipality: str
    handled_on: date | None = None      # the decision (or withdrawal) day; None: still open
    outcome: str = ""                   # a key of OUTCOME_KEYS
    formal: bool = False
    summary: str = ""
    about_coordinator: bool = False
    days_late: int = 0
    received_year: int = 0


def _expand(counts: dict) -> list:
    return [key for key, n in counts.items() for _ in range(n)]


def _day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def _weekday(day: date, back: bool = False) -> date:
    """The day itself, or the nearest weekday after it (`back`: before it)."""
    while day.weekday() >= 5:
        day += timedelta(days=-1 if back else 1)
    return day


def _dates(rng: random.Random, year: int, handled_year: int, days_late: int = 0,
           withdrawn: bool = False) -> tuple[date, date]:
    """A weekday received in `year` and one handled in `handled_year`: within the six weeks
    of the decision term (WIL; counted from the day after receipt) unless `days_late`."""
    if handled_year == year:
        received = _weekday(_day(rng, date(year, 1, 3), date(year, 10, 1 if days_late else 31)))
        if days_late:
            handled = received + timedelta(days=42 + days_late)
        else:
            handled = received + timedelta(days=rng.randint(4, 30 if withdrawn else 40))
    else:
        received = _weekday(_day(rng, date(year, 12, 1), date(year, 12, 17)))
        handled = _day(rng, date(handled_year, 1, 7), received + timedelta(days=40))
    return received, _weekday(handled, back=True)


def _channels(rng: random.Random, year: int, n: int) -> list[str]:
    if year == 2024:
        channels = _expand(CHANNELS_2024)
        rng.shuffle(channels)
        return channels
    return rng.choices(list(CHANNEL_WEIGHTS), weights=list(CHANNEL_WEIGHTS.values()), k=n)


def _classification(rng: random.Random, year: int, n: int) -> list[tuple[str, str]]:
    """(unit, category) for each complaint received in `year`: 2024 as the report's table,
    the other years drawn with its proportions."""
    pairs = [(unit, category) for unit, row in RECEIVED_2024.items()
             for category in _expand(row)]
    if year == 2024:
        return pairs
    return [rng.choice(pairs) for _ in range(n)]


def plan(seed: int = SEED) -> list[Plan]:
    """Every complaint of the invented register, ordered by the day it was received."""
    rng = random.Random(seed)
    plans: list[Plan] = []
    # Received in each year: classified, from a municipality, by a channel; some are handled
    # the year after (CARRIED_INTO); the outcomes are given per year handled, below.
    for year in sorted(RECEIVED_BY_MUNICIPALITY):
        municipalities = _expand(RECEIVED_BY_MUNICIPALITY[year])
        rng.shuffle(municipalities)
        n = len(municipalities)
        channels = _channels(rng, year, n)
        pairs = _classification(rng, year, n)
        carried = CARRIED_INTO.get(year + 1, 0)
        special: list[Plan] = []
        if year == 2024:
            # The nine published lines and the complaint about the coordinator first, so that
            # their unit and category are the table's.
            for unit, category, outcome, formal, summary in UPHELD_2024:
                pairs.remove((unit, category))
                special.append(Plan(date.min, "", unit, category, "", outcome=outcome,
                                    formal=formal, summary=summary))
            unit, category, outcome = ABOUT_COORDINATOR
            pairs.remove((unit, category))
            special.append(Plan(date.min, "email", unit, category, "", outcome=outcome,
                                formal=True, about_coordinator=True))
        rng.shuffle(pairs)
        rest = [Plan(date.min, "", unit, category, "") for unit, category in pairs]
        for index, item in enumerate(special + rest):
            item.municipality = municipalities[index]
            if item.channel:        # given (the complaint about the coordinator): counted
                channels.remove(item.channel)
            else:
                item.channel = channels.pop()
            item.received_year = year
            # The last `carried` of the year (never a special one) are handled next year.
            item.handled_on = date(year + 1 if index >= n - carried else year, 1, 1)
            plans.append(item)
    # The outcomes of each year's handled complaints, as the report counts them.
    for handled_year, outcomes in HANDLED_OUTCOMES.items():
        handled = [p for p in plans if p.handled_on.year == handled_year]
        remaining = Counter(outcomes)
        remaining.subtract(Counter(p.outcome for p in handled if p.outcome))
        open_ = [p for p in handled if not p.outcome]
        keys = _expand({k: v for k, v in remaining.items() if v > 0})
        if len(keys) != len(open_):
            raise AssertionError(f"{handled_year}: {len(open_)} complaints, {len(keys)} outcomes")
        rng.shuffle(keys)
        for item, key in zip(open_, keys):
            item.outcome = key
        formal_now = sum(p.formal for p in handled)
        candidates = [p for p in handled if not p.formal and p.outcome != WITHDRAWN
                      and not p.summary]
        for item in rng.sample(candidates, FORMAL[handled_year] - formal_now):
            item.formal = True
        late = list(LATE.get(handled_year, ()))
        for item in handled:
            same_year = item.received_year == handled_year
            days_late = late.pop() if late and same_year and item.outcome != WITHDRAWN else 0
            item.received_on, item.handled_on = _dates(rng, item.received_year, handled_year,
                                                       days_late,
                                                       withdrawn=item.outcome == WITHDRAWN)
            item.days_late = days_late
            if item.outcome in ("upheld", "partly_upheld") and not item.summary:
                item.summary = rng.choice(OTHER_SUMMARIES)
    plans.sort(key=lambda p: p.received_on)
    return plans



# --- storing it through the services ------------------------------------------------------

FIRST_NAMES = ("Anna", "Bas", "Chantal", "Dirk", "Esra", "Fenna", "Gijs", "Hatice", "Ivo",
               "Jolanda", "Kees", "Latifa", "Mohamed", "Noor", "Olga", "Pieter", "Rachida",
               "Sander", "Tamara", "Umut", "Vera", "Wim", "Yara", "Zeynep")
LAST_NAMES = ("Voorbeeld", "Demo", "Testerman", "Fictief", "Verzonnen", "Proefhuis",
              "de Nepper", "van Oefenen", "Bedacht", "Zomaar")
STREETS = ("Voorbeeldstraat", "Demolaan", "Testweg", "Fictieve Gracht", "Verzonnenplein")
CITY_CODES = {"IJsselstein": "3400", "Houten": "3990", "Nieuwegein": "3430", "Lopik": "3410"}

DESCRIPTIONS = {
    BEJEGENING: (
        "De medewerker aan de telefoon was onvriendelijk en hing op.",
        "Mijn werkcoach sprak op een kleinerende toon tegen mij.",
        "Ik voelde mij niet serieus genomen in het gesprek aan de balie.",
        "De consulent luisterde niet en gaf mij de schuld.",
    ),
    INFORMATIE: (
        "Ik kreeg verkeerde informatie over de energietoeslag.",
        "Ik heb drie keer een brief gestuurd en nooit antwoord gekregen.",
        "Niemand vertelde mij welke papieren ik moest inleveren.",
        "Mijn werkcoach beloofde terug te bellen, maar deed dat niet.",
    ),
    DUUR: ("Het duurt al maanden voordat mijn aanvraag wordt behandeld.",),
}
FINDINGS = {
    "upheld": "Uit het gesprek met de klager en de medewerker blijkt dat het niet goed is "
              "gegaan. De klacht is terecht.",
    "partly_upheld": "Een deel van de klacht is terecht: de uitleg had beter gekund. Voor "
                     "het andere deel vinden wij geen fouten.",
    "not_upheld": "Wij hebben het dossier bekeken en met de medewerker gesproken. Wij zien "
                  "niet dat de medewerker zich onjuist heeft gedragen.",
    "resolved_by_agreement": "Na een gesprek met de klager en de medewerker is de klager "
                             "tevreden met de uitleg en de afspraken.",
    "not_admissible": "De klager was niet te bereiken en heeft ook zelf geen contact meer "
                      "opgenomen.",
}
MEASURES = {
    "upheld": "De klacht is besproken met het team. Het werkproces wordt aangepast.",
    "partly_upheld": "De uitkomst is besproken met de medewerker en de leidinggevende.",
}


@dataclass
class DemoStaff:
    coordinator: object
    handlers: list
    manager: object


def _person(rng: random.Random, item: Plan, number: int) -> dict:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    code = CITY_CODES[item.municipality]
    local = f"{first}.{last}".lower().replace(" ", "")
    reply_by = rng.choice(("letter", "email", "phone"))
    person = {
        "filed_by": "self", "name": f"{first} {last}",
        "street": f"{rng.choice(STREETS)} {rng.randint(1, 120)}",
        "postcode": f"{int(code) + rng.randint(0, 9)} {rng.choice('ABCDEFGH')}{rng.choice('KLMNPR')}",
        "city": item.municipality,
        "phone": f"06 0000 {number:04d}", "email": f"{local}.{number}@example.nl",
        "reply_by": reply_by,
        # Seed 002: people who are no client complain too; a client number is optional.
        "client_number": f"{900000 + number}" if rng.random() < 0.8 else "",
    }
    if rng.random() < 0.1:
        person.update(filed_by="representative", consent=True,
                      representative_name=f"{rng.choice(FIRST_NAMES)} Helper-{last}",
                      representative_relation="Maatschappelijk werker",
                      representative_phone=f"06 0001 {number:04d}",
                      representative_email=f"helper.{number}@example.nl")
    return person


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    """A moment on `day` as the naive UTC datetime events store (Dutch office hours)."""
    return datetime.combine(day, time(hour, minute))


def _next_weekday(day: date) -> date:
    day += timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def receive(item: Plan, person: dict, org, coordinator, today: date, rng: random.Random,
            employee_name: str = ""):
    """Store the complaint as it came in (the web form, or staff registering it), received
    on its day: the complaint's moment and its first event are moved back to that day."""
    from klachtenloket.models import Complaint, Event, Letter
    from klachtenloket.services import drafts, intake
    data = {**person, "description": rng.choice(DESCRIPTIONS[item.category]),
            "unit": item.unit, "employee_name": employee_name,
            "event_date": (item.received_on - timedelta(days=rng.randint(1, 20))).isoformat(),
            "desired_outcome": rng.choice(("Excuses", "Een antwoord", "Uitleg", "")),
            "letter_dated": True, "letter_signed": True}
    no_mail = lambda complaint, token: []   # noqa: E731 — invented people get no mail
    if item.channel == "web":
        stored = intake.submit(drafts.new_key(), data, org, "nl", item.received_on, no_mail)
    else:
        stored = intake.register(data, org, coordinator, item.channel, item.received_on, today,
                                 "nl", no_mail)
    complaint = stored.complaint
    received = _at(item.received_on, 8)
    Complaint.update(received_at=received).where(Complaint.id == complaint.id).execute()
    Event.update(at=received).where(Event.complaint == complaint.id).execute()
    Letter.update(dated=item.received_on).where(Letter.complaint == complaint.id).execute()
    complaint.received_at = received
    return complaint


def handle(complaint, item: Plan, org, staff: DemoStaff, handler) -> None:
    """Every step of the complaint's handling, each on its own day, as staff take them."""
    from klachtenloket.services import casework
    coordinator = staff.coordinator
    received, ended = item.received_on, item.handled_on
    start = min(_next_weekday(received), ended or date.max)

    def step(kind, payload, who, at):
        casework.record(complaint, kind, payload, who, org, at=at)

    step("acknowledged", {"on": received}, coordinator, _at(received, 8, 30))
    step("first_contact_made", {}, coordinator, _at(start, 7, 30))
    step("classified", {"category": item.category, "unit": item.unit,
                        "municipality": item.municipality}, coordinator, _at(start, 7, 40))
    step("assigned", {"handler": handler.id}, coordinator, _at(start, 7, 50))
    step("procedure_chosen", {"procedure": "formal" if item.formal else "informal"}, handler,
         _at(start, 8, 0))
    if ended is None:
        return
    if item.outcome == WITHDRAWN:
        step("withdrawn", {"text": "De klager heeft de klacht telefonisch ingetrokken."},
             coordinator, _at(ended, 12))
        return
    measure = MEASURES.get(item.outcome, "")
    step("decided", {"outcome": item.outcome, "findings": FINDINGS[item.outcome],
                     "measures": measure, "summary": item.summary, "on": ended}, handler,
         _at(ended, 12))
    if measure:
        add_measure(complaint, item, handler)
    step("closed", {}, coordinator, _at(ended, 13))


def add_measure(complaint, item: Plan, owner) -> None:
    """Seed 002: the outcome is discussed with the team; done within a month. Through the
    measures service (issue 6, "Learning from complaints")."""
    from klachtenloket.services import measures
    text = f"De uitkomst is besproken met het team {item.unit}."
    done = _next_weekday(item.handled_on + timedelta(days=14))
    added = measures.add(complaint, text, owner.id, item.handled_on + timedelta(days=30), owner)
    type(added).update(created_at=_at(item.handled_on, 12, 30)).where(
        type(added).id == added.id).execute()
    measures.set_status(added, "done", owner, done)


def make_staff(echo) -> DemoStaff:
    """The demo's staff accounts (made once; a second run finds them), each with a one-time
    password printed by `echo`."""
    from klachtenloket.models import Staff
    from klachtenloket.services import accounts
    made = {}
    for role, email, name in STAFF:
        account = Staff.get_or_none(Staff.email == email)
        if account is None:
            password = accounts.generate_password()
            account = accounts.create(email, name, role, password, temporary=True)
            echo(f"{role:<12} {email:<36} one-time password: {password}")
        made.setdefault(role, []).append(account)
    return DemoStaff(made["coordinator"][0], made["handler"], made["reader"][0])


# Complaints still running today, so the inbox has work: (days ago received, channel, unit,
# category, municipality, how far: "received", "acknowledged" or a procedure).
RUNNING = (
    (1, "web", "Werk", BEJEGENING, "Nieuwegein", "received"),
    (3, "phone", "Inkomen", INFORMATIE, "IJsselstein", "acknowledged"),
    (9, "email", "SHV", BEJEGENING, "Houten", "informal"),
    (20, "web", "Werk", INFORMATIE, "Nieuwegein", "informal"),
    (34, "desk", "Bedrijfsvoering", BEJEGENING, "Nieuwegein", "formal"),
    (46, "web", "Inkomensondersteuning", DUUR, "IJsselstein", "informal"),
)


def fill(org, staff: DemoStaff, today: date, seed: int = SEED) -> int:
    """Store the planned register, and a few complaints running today, through the services.
    Call it inside one transaction. Returns the number of complaints."""
    from klachtenloket.models import Complaint, OutboxMail
    from klachtenloket.services import casework
    rng = random.Random(seed)
    plans = plan(seed)
    first_id = None
    for number, item in enumerate(plans, start=1):
        person = _person(rng, item, number)
        about = staff.coordinator.name if item.about_coordinator else ""
        complaint = receive(item, person, org, staff.coordinator, today, rng, employee_name=about)
        first_id = first_id or complaint.id
        # Awb 9:7: a complaint about the coordinator goes to a manager; the rest to the
        # handlers and, now and then, the coordinator.
        handler = staff.manager if item.about_coordinator else \
            rng.choice(staff.handlers + [staff.coordinator])
        handle(complaint, item, org, staff, handler)
    for number, (ago, channel, unit, category, municipality, stage) in \
            enumerate(RUNNING, start=len(plans) + 1):
        received = _weekday(today - timedelta(days=ago), back=True)
        item = Plan(received, channel, unit, category, municipality, formal=stage == "formal")
        complaint = receive(item, _person(rng, item, number), org, staff.coordinator, today, rng)
        if stage == "acknowledged":
            casework.record(complaint, "acknowledged", {"on": received}, staff.coordinator,
                            org, at=_at(received, 8, 30))
        elif stage != "received":
            handle(complaint, item, org, staff, rng.choice(staff.handlers))
    # The letters went out when they were written: no mail waits in the outbox for the
    # invented people at example.nl.
    (OutboxMail.update(status=OutboxMail.SENT, sent_at=OutboxMail.created_at)
     .where(OutboxMail.status == OutboxMail.PENDING,
            OutboxMail.complaint.in_(Complaint.select(Complaint.id)
                                     .where(Complaint.id >= first_id)))
     .execute())
    return len(plans) + len(RUNNING)


def callback_requests(org, staff: DemoStaff, today: date) -> int:
    """A few call-back requests (seed 000: after 12.30 customer service takes them): two
    open, one closed with a note. None when the organisation takes no call-back requests."""
    from klachtenloket.services import callbacks
    if not callbacks.enabled(org):
        return 0
    asked = (
        (0, callbacks.WEB, None, {"name": "Sanne Voorbeeld", "phone": "06 0002 0001",
                                  "best_time": "Na 14.00 uur", "subject": "Geen antwoord op mijn brief"}),
        (1, callbacks.CUSTOMER_SERVICE, staff.coordinator,
         {"name": "Ruud Demo", "phone": "06 0002 0002", "best_time": "Ochtend",
          "subject": "Onvriendelijk gesprek met werkcoach"}),
        (6, callbacks.CUSTOMER_SERVICE, staff.coordinator,
         {"name": "Ilse Fictief", "phone": "06 0002 0003", "best_time": "",
          "subject": "Vraag over de energietoeslag"}),
    )
    made = []
    for ago, channel, by, data in asked:
        on = _weekday(today - timedelta(days=ago), back=True)
        made.append(callbacks.create(None, data, org, channel, on, staff=by).request)
    callbacks.close(made[-1], "Teruggebeld: het was een vraag, geen klacht. Uitgelegd.",
                    staff.coordinator)
    return len(made)
