"""GET /health: the database answers, the outbox is not stuck, there is disk to spare."""
from datetime import timedelta

from klachtenloket import db
from klachtenloket.models import OutboxMail
from klachtenloket.models.base import utcnow


def _mail(age_minutes: int, status=OutboxMail.PENDING):
    with db.database.connection_context():
        return OutboxMail.create(kind="acknowledgement", recipient="geheim@example.nl",
                                 subject="Uw klacht KL-2026-00001", body="Fatima el Amrani",
                                 status=status,
                                 created_at=utcnow() - timedelta(minutes=age_minutes))


def test_health_is_ok_with_the_documented_shape_and_no_cookie(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == {"status", "database", "outbox", "disk_free_mb"}
    assert body["status"] == "ok" and body["database"] == "ok"
    assert body["outbox"] == {"pending": 0, "oldest_pending_minutes": 0, "failed": 0}
    assert isinstance(body["disk_free_mb"], int) and body["disk_free_mb"] >= 200
    assert "Set-Cookie" not in response.headers
    # Not even a language choice makes it set one.
    assert "Set-Cookie" not in client.get("/health?lang=en").headers


def test_health_fails_when_the_oldest_waiting_mail_is_older_than_the_limit(app, client):
    _mail(5)
    _mail(2, status=OutboxMail.FAILED)
    ok = client.get("/health")
    assert ok.status_code == 200, ok.get_json()
    assert ok.get_json()["outbox"] == {"pending": 1, "oldest_pending_minutes": 5, "failed": 1}

    _mail(31, status=OutboxMail.SENDING)
    stuck = client.get("/health")
    assert stuck.status_code == 503
    body = stuck.get_json()
    assert body["status"] == "fail" and body["database"] == "ok"
    assert body["outbox"]["pending"] == 2 and body["outbox"]["oldest_pending_minutes"] >= 31
    assert "geheim" not in stuck.text and "KL-2026" not in stuck.text and "Fatima" not in stuck.text

    app.config["HEALTH_MAX_MAIL_AGE_MIN"] = 60
    assert client.get("/health").status_code == 200


def test_health_fails_when_the_disk_is_nearly_full(app, client):
    app.config["HEALTH_MIN_FREE_MB"] = 10 ** 12
    response = client.get("/health")
    assert response.status_code == 503 and response.get_json()["status"] == "fail"
    assert response.get_json()["database"] == "ok"


def test_health_fails_as_json_when_the_database_does_not_answer(app, client, monkeypatch):
    from peewee import OperationalError

    def down(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(db.database.obj, "execute_sql", down)
    response = client.get("/health")
    assert response.status_code == 503
    assert response.get_json()["database"] == "fail" and response.get_json()["status"] == "fail"

    monkeypatch.setattr(db.database.obj, "connect", down)
    response = client.get("/health")
    assert response.status_code == 503 and response.get_json()["database"] == "fail"


def test_health_limits_come_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("KLACHTENLOKET_INSTANCE", str(tmp_path))
    monkeypatch.setenv("HEALTH_MIN_FREE_MB", "1024")
    monkeypatch.setenv("HEALTH_MAX_MAIL_AGE_MIN", "10")
    from config import Config
    config = Config()
    assert (config.HEALTH_MIN_FREE_MB, config.HEALTH_MAX_MAIL_AGE_MIN) == (1024, 10)
    monkeypatch.delenv("HEALTH_MIN_FREE_MB")
    monkeypatch.delenv("HEALTH_MAX_MAIL_AGE_MIN")
    assert (Config().HEALTH_MIN_FREE_MB, Config().HEALTH_MAX_MAIL_AGE_MIN) == (200, 30)
