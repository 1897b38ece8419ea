"""The log filter (klachtenloket/web/logs.py): a tracking link's token never reaches a log line,
in whatever shape the line comes (werkzeug's request line, gunicorn's access log), and peewee's
SQL keeps its statement but loses its values."""
import logging

from klachtenloket.web.logs import FILTER, HIDDEN, scrub

TOKEN = "cmns5iDXjVi4sOL35_0XdSfrSK4IInX0HLfEBnqZcBA"


def record(name, msg, args=()):
    return logging.LogRecord(name, logging.INFO, __file__, 1, msg, args, None)


def test_the_token_in_a_tracking_path_is_blanked_wherever_it_stands():
    for line in (f'127.0.0.1 - - [26/Nov/2026 06:40:12] "GET /volgen/{TOKEN} HTTP/1.1" 200 -',
                 f'"POST /volgen/{TOKEN}/aanvullen HTTP/1.1" 303',
                 f"GET /volgen/{TOKEN}/brieven/1?lang=en"):
        cleaned = scrub(line)
        assert TOKEN not in cleaned and f"/volgen/{HIDDEN}" in cleaned
    # Other paths and short segments stay readable.
    assert scrub('"GET /beheer/klachten/KL-2026-00042 HTTP/1.1"') == \
        '"GET /beheer/klachten/KL-2026-00042 HTTP/1.1"'
    assert scrub("GET /volgen/ HTTP/1.1") == "GET /volgen/ HTTP/1.1"


def test_a_token_like_segment_elsewhere_is_blanked_too():
    assert TOKEN not in scrub(f"GET /elders/{TOKEN}?x=1")


def test_a_record_with_arguments_is_rewritten_before_any_handler_formats_it():
    line = record("werkzeug", '%s - - "%s" %s', ("127.0.0.1", f"GET /volgen/{TOKEN} HTTP/1.1", 200))
    assert FILTER.filter(line) is True
    assert TOKEN not in line.getMessage() and "200" in line.getMessage()
    access = record("gunicorn.access", "%(r)s %(s)s", ({"r": f"GET /volgen/{TOKEN}", "s": "200"},))
    FILTER.filter(access)
    assert TOKEN not in access.getMessage()


def test_peewee_keeps_the_statement_and_drops_the_values():
    query = record("peewee", ('INSERT INTO "complaint" ("name", "email") VALUES (?, ?)',
                              ["Fatima el Amrani", "fatima@example.nl"]))
    FILTER.filter(query)
    message = query.getMessage()
    assert message.startswith('INSERT INTO "complaint"') and "[2 parameters]" in message
    assert "Fatima" not in message and "fatima@example.nl" not in message
