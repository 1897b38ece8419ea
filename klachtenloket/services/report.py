"""The yearly report's figures (Awb 9:12a; issue 6; seed 002 is such a report).

Everything is counted by the database from the register's columns on the complaint (migration
0013, kept by klachtenloket.services.casework.refresh_register): a handful of queries that
count in indexes only (migration 0019 says how), never a loop over complaints in Python, so a
year in a register of 1 000 000 complaints takes well under two seconds (bench/report.py).

Two ways of counting a year, as seed 002 does (domain section 5, "handled ≠ incoming"):
- received: received_on in the year (by unit × category, municipality, channel);
- handled: handled_on in the year, whenever received (by outcome, procedure, term).
A complaint received in 2023 and decided in 2024 is received in 2023 and handled in 2024; one
not handled by 31 December is carried over into the next year.

The result is plain data (Figures); klachtenloket.web.report_tables turns it into the labelled
tables the page, the CSV and XLSX files and the PDF all show.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from peewee import SQL, fn

from klachtenloket.db import database, is_sqlite
from klachtenloket.domain.organisation import Organisation
from klachtenloket.domain.terms import CHANNELS
from klachtenloket.models import AnnualReportText, Complaint, Staff
from klachtenloket.models.base import utcnow
from klachtenloket.services import audit, measures

# How many years the comparisons look back, besides the report's own year (seed 002).
MUNICIPALITY_YEARS_BEFORE = 3
OUTCOME_YEARS_BEFORE = 2
THEME_YEARS_BEFORE = 2

# The one place that says how a complaint that ended WITHOUT a decision is counted among the
# outcomes. Such a complaint has no outcome key, only its final state. It counts under the
# organisation's outcome named here when the organisation has that key (WIL: "Ingetrokken",
# "Niet ontvankelijk"); otherwise, and for the other endings, under the state itself
# (a key "state:<state>", e.g. "state:forwarded").
ENDING_OUTCOMES = {"withdrawn": "withdrawn", "declined": "not_admissible"}
STATE_KEY = "state:"

# The outcomes whose one-line summary goes into "what was it about" (seed 002: (partly) upheld).
UPHELD = ("upheld", "partly_upheld")

# Days late, grouped: (first day, last day or None for "and more").
LATE_BUCKETS = ((1, 7), (8, 14), (15, 28), (29, None))


@dataclass(frozen=True)
class Summary:
    """One anonymous line for publication, written by the handler with the outcome."""
    handled_on: date
    outcome: str
    unit: str
    category: str
    text: str


@dataclass
class Figures:
    year: int
    # The lists in the organisation's order, then values found that it no longer lists
    # (sorted), then "" (not recorded) when it occurs.
    units: list[str]
    categories: list[str]
    municipalities: list[str]
    channels: list[str]
    outcomes: list[str]                     # outcome keys, incl. "state:…" ones that occur
    # Received in `year`.
    received: int
    by_unit_category: dict[tuple[str, str], int]
    by_channel: dict[str, int]
    # Received per year, `year` and the MUNICIPALITY_YEARS_BEFORE before it.
    municipality_years: list[int]
    by_municipality: dict[int, dict[str, int]]
    # Handled per year, `year` and the OUTCOME_YEARS_BEFORE before it.
    outcome_years: list[int]
    handled: dict[int, int]
    by_outcome: dict[int, dict[str, int]]
    # Among those handled in `year`.
    formal: int
    informal: int
    decided: int                            # with a decision (and so a term)
    within_term: int
    late: int
    days_late: dict[int, int]               # days late -> how many decisions
    # Still open: received on or before 31 December of the year before / of `year`.
    carried_in: int
    carried_over: int
    summaries: list[Summary]
    # Received per year by unit × category, `year` and the THEME_YEARS_BEFORE before it.
    theme_years: list[int]
    themes: dict[int, dict[tuple[str, str], int]]
    measures: list = field(default_factory=list)   # klachtenloket.services.measures.Item

    def late_buckets(self) -> list[tuple[tuple[int, int | None], int]]:
        return [((low, high), sum(n for days, n in self.days_late.items()
                                  if days >= low and (high is None or days <= high)))
                for low, high in LATE_BUCKETS]

    @property
    def most_days_late(self) -> int:
        return max(self.days_late, default=0)


def outcome_key(outcome: str, state: str, org: Organisation) -> str:
    """The key a handled complaint is counted under (see ENDING_OUTCOMES)."""
    if outcome:
        return outcome
    mapped = ENDING_OUTCOMES.get(state)
    if mapped and org.outcome(mapped) is not None:
        return mapped
    return STATE_KEY + state


def _ordered(configured, found) -> list[str]:
    configured = [value for value in configured if value]
    others = sorted(value for value in set(found) if value and value not in configured)
    return configured + others + ([""] if "" in set(found) else [])


def _first(year: int) -> date:
    return date(year, 1, 1)


def _last(year: int) -> date:
    return date(year, 12, 31)


def _counts_per_year(keys: tuple, column, years: list[int]) -> list[tuple]:
    """(key values…, count in years[0], count in years[1], …) for every combination of `keys`
    in the register. Read as: the distinct combinations (a skip over the covering index that
    starts with `keys`), and for each, one index range count per year on `column`, the
    index's last column. Grouping the rows instead sorts or hashes them all: at 1 000 000
    complaints 2.9 s on SQLite and 1.4 s on PostgreSQL for the whole report, against 0.24 s
    and 0.30 s this way (bench/report.py, README)."""
    combinations = Complaint.select(*keys).distinct().alias("d")
    rows = Complaint.alias("c")

    def count_in(year: int):
        same = [getattr(rows, key.name) == getattr(combinations.c, key.name) for key in keys]
        return (rows.select(fn.COUNT(SQL("*")))
                .where(*same, getattr(rows, column.name).between(_first(year), _last(year))))

    return list(combinations.select_from(
        *[getattr(combinations.c, key.name) for key in keys],
        *[count_in(year).alias(f"y{year}") for year in years]).tuples())


def _received_rows(years: list[int]) -> list[tuple]:
    """(unit, category, municipality, channel, count per year…): complaint_report_received."""
    return _counts_per_year((Complaint.unit, Complaint.category, Complaint.municipality,
                             Complaint.channel), Complaint.received_on, years)


def _handled_rows(years: list[int]) -> list[tuple]:
    """(outcome, state, formal, count per year…): complaint_report_handled."""
    return _counts_per_year((Complaint.outcome, Complaint.state, Complaint.formal),
                            Complaint.handled_on, years)


def _days_late_rows(year: int) -> list[tuple]:
    """(days late, decisions in `year`) for each number of days late, 0 (within the term)
    included: complaint_report_late. Complaints without a decision have none (NULL), which
    matches no count."""
    return [(days, n) for days, n in _counts_per_year((Complaint.days_late,),
                                                       Complaint.handled_on, [year])
            if days is not None and n]


def still_open_at(day: date) -> int:
    """Complaints received on or before `day` and not handled by then: not handled at all, or
    handled later. Two index range counts (complaint_report_open)."""
    received = Complaint.received_on <= day
    count = fn.COUNT(SQL("*"))
    open_now = Complaint.select(count).where(Complaint.handled_on.is_null(), received).scalar()
    later = Complaint.select(count).where(Complaint.handled_on > day, received).scalar()
    return (open_now or 0) + (later or 0)


def summaries(year: int) -> list[Summary]:
    query = (Complaint.select(Complaint.handled_on, Complaint.outcome, Complaint.unit,
                              Complaint.category, Complaint.summary)
             .where(Complaint.handled_on.between(_first(year), _last(year)),
                    Complaint.outcome.in_(UPHELD), Complaint.summary != "")  # partial index
             .order_by(Complaint.handled_on, Complaint.id).tuples())
    return [Summary(*row) for row in query]



def years_with_complaints() -> list[int]:
    """The years a report can be made for, newest first: from the first complaint received to
    the last one received or handled (min/max read the ends of the indexes)."""
    first, last_received = (Complaint.select(fn.MIN(Complaint.received_on),
                                             fn.MAX(Complaint.received_on)).tuples().get())
    if first is None:
        return []
    last_handled = Complaint.select(fn.MAX(Complaint.handled_on)).scalar()
    last = max(_as_date(last_received), _as_date(last_handled or last_received))
    return list(range(last.year, _as_date(first).year - 1, -1))


def _as_date(value) -> date:
    # SQLite hands back an aggregate's date as text.
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def build(year: int, org: Organisation) -> Figures:
    """The figures for `year`, in one read-only transaction (one consistent view)."""
    municipality_years = list(range(year, year - MUNICIPALITY_YEARS_BEFORE - 1, -1))
    outcome_years = list(range(year, year - OUTCOME_YEARS_BEFORE - 1, -1))
    theme_years = list(range(year, year - THEME_YEARS_BEFORE - 1, -1))
    received_years = sorted(set(municipality_years) | set(theme_years))

    with database.atomic():
        received_rows = _received_rows(received_years)
        handled_rows = _handled_rows(outcome_years)
        late_rows = _days_late_rows(year)
        carried_in = still_open_at(_last(year - 1))
        carried_over = still_open_at(_last(year))
        lines = summaries(year)
    measures_taken = measures.for_report(year)

    by_unit_category: Counter = Counter()
    by_channel: Counter = Counter()
    by_municipality = {y: Counter() for y in municipality_years}
    themes = {y: Counter() for y in theme_years}
    units, categories, municipalities, channels = set(), set(), set(), set()
    for unit, category, municipality, channel, *counts in received_rows:
        for row_year, n in zip(received_years, counts):
            if not n:
                continue
            if row_year in by_municipality:
                by_municipality[row_year][municipality] += n
                municipalities.add(municipality)
            if row_year in themes:
                themes[row_year][(unit, category)] += n
                units.add(unit)
                categories.add(category)
            if row_year == year:
                by_unit_category[(unit, category)] += n
                by_channel[channel] += n
                channels.add(channel)

    handled = {y: 0 for y in outcome_years}
    by_outcome = {y: Counter() for y in outcome_years}
    outcomes = set()
    formal = informal = 0
    for outcome, state, is_formal, *counts in handled_rows:
        key = outcome_key(outcome, state, org)
        for row_year, n in zip(outcome_years, counts):
            if not n:
                continue
            outcomes.add(key)
            handled[row_year] += n
            by_outcome[row_year][key] += n
            if row_year == year:
                if is_formal:
                    formal += n
                else:
                    informal += n
    days_late = {days: n for days, n in late_rows if days > 0}
    within_term = sum(n for days, n in late_rows if days == 0)
    late = sum(days_late.values())

    return Figures(
        year=year,
        units=_ordered(org.units, units), categories=_ordered(org.categories, categories),
        municipalities=_ordered(org.municipalities, municipalities),
        channels=_ordered(CHANNELS, channels),
        outcomes=[o.key for o in org.outcomes]
        + sorted(k for k in outcomes if org.outcome(k) is None),
        received=sum(by_unit_category.values()), by_unit_category=dict(by_unit_category),
        by_channel=dict(by_channel),
        municipality_years=municipality_years,
        by_municipality={y: dict(c) for y, c in by_municipality.items()},
        outcome_years=outcome_years, handled=handled,
        by_outcome={y: dict(c) for y, c in by_outcome.items()},
        formal=formal, informal=informal, decided=within_term + late,
        within_term=within_term, late=late, days_late=days_late, carried_in=carried_in, carried_over=carried_over,
        summaries=lines, theme_years=theme_years,
        themes={y: dict(c) for y, c in themes.items()}, measures=measures_taken)


# --- the coordinator's own words ------------------------------------------------------------

TEXT_SAVED = "report:text_saved"


class TextConflict(Exception):
    """Someone saved the year's texts after the page with these was opened."""


def text_for(year: int) -> AnnualReportText:
    """The year's introduction and closing (empty, unsaved, when nobody wrote them)."""
    return AnnualReportText.get_or_none(AnnualReportText.year == year) \
        or AnnualReportText(year=year, updated_at=None)


def version_of(text: AnnualReportText) -> str:
    return text.updated_at.isoformat() if text.updated_at else ""


def save_text(year: int, introduction: str, closing: str, staff: Staff,
              version: str) -> AnnualReportText:
    """Store the year's texts and audit it, in one transaction. `version` is version_of the
    texts the page showed: when they changed since, TextConflict (nothing stored)."""
    with database.atomic():
        current = AnnualReportText.select().where(AnnualReportText.year == year) \
            .for_update().first() if not is_sqlite() else text_for(year)
        current = current or AnnualReportText(year=year, updated_at=None)
        if version_of(current) != (version or ""):
            raise TextConflict(f"the texts of {year} were saved by someone else meanwhile")
        values = {"introduction": introduction, "closing": closing, "updated_by": staff.id,
                  "updated_at": utcnow()}
        (AnnualReportText.insert(year=year, **values)
         .on_conflict(conflict_target=[AnnualReportText.year], update=values).execute())
        audit.log(staff, TEXT_SAVED, detail=f"year {year}")
    return text_for(year)
