"""Settings from the environment, with safe defaults for one small VM."""
import os
import secrets
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent


def _instance_dir() -> Path:
    path = Path(os.environ.get("KLACHTENLOKET_INSTANCE", BASE_DIR / "instance"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def _secret_key(instance: Path) -> str:
    """SECRET_KEY from the environment, else one generated once and kept in instance/."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    key_file = instance / "secret_key"
    if not key_file.exists():
        # Written with 0600 so only the service user can read it.
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    return key_file.read_text().strip()


class Config:
    def __init__(self, **overrides):
        env = os.environ
        self.INSTANCE_PATH = _instance_dir()
        self.SECRET_KEY = _secret_key(self.INSTANCE_PATH)
        self.DATABASE_URL = env.get(
            "DATABASE_URL", f"sqlite:///{self.INSTANCE_PATH / 'klachtenloket.db'}")
        # The organisation's procedure when the database holds none yet.
        self.PRESET = env.get("KLACHTENLOKET_PRESET", "wil-lekstroom")
        # Absolute base of links in e-mails (the tracking link); the request's host otherwise.
        self.PUBLIC_URL = env.get("PUBLIC_URL", "")
        self.MAIL_HOST = env.get("MAIL_HOST", "localhost")
        self.MAIL_PORT = int(env.get("MAIL_PORT", "25"))
        self.MAIL_USERNAME = env.get("MAIL_USERNAME", "")
        self.MAIL_PASSWORD = env.get("MAIL_PASSWORD", "")
        self.MAIL_STARTTLS = env.get("MAIL_STARTTLS", "0") == "1"
        self.MAIL_FROM = env.get("MAIL_FROM", "klachten@localhost")
        self.MAIL_TIMEOUT = float(env.get("MAIL_TIMEOUT", "10"))
        self.MAIL_MAX_ATTEMPTS = int(env.get("MAIL_MAX_ATTEMPTS", "8"))
        # A long form on a phone takes time: the token lives as long as the session,
        # and an expired one re-shows the form with everything typed (forms/base.py).
        self.WTF_CSRF_TIME_LIMIT = None
        self.SESSION_COOKIE_HTTPONLY = True
        self.SESSION_COOKIE_SAMESITE = "Lax"
        self.SESSION_COOKIE_SECURE = env.get("SESSION_COOKIE_SECURE", "0") == "1"
        # Bigger bodies are refused with a 413 page before anything is parsed.
        self.MAX_CONTENT_LENGTH = int(env.get("MAX_CONTENT_LENGTH", str(256 * 1024)))
        # Residents' files (klachtenloket/services/attachments.py): caps per file and per
        # complaint (the two forms that take files allow the total on top of the above), the
        # folder (default instance/uploads) and clamd's unix socket (empty: no virus scan).
        self.ATTACHMENT_MAX_FILE = int(env.get("ATTACHMENT_MAX_FILE", str(10 * 1024 * 1024)))
        self.ATTACHMENT_MAX_TOTAL = int(env.get("ATTACHMENT_MAX_TOTAL", str(25 * 1024 * 1024)))
        self.UPLOAD_FOLDER = env.get("UPLOAD_FOLDER", "")
        self.CLAMD_SOCKET = env.get("CLAMD_SOCKET", "")
        # A complaint form sent sooner than this after it was shown goes to the spam queue
        # (views/public.py); 0 turns the check off.
        self.FORM_MIN_SECONDS = float(env.get("FORM_MIN_SECONDS", "3"))
        # GET /health answers 503 below this much free disk, or when the oldest waiting mail
        # is older than this many minutes (the outbox is stuck).
        self.HEALTH_MIN_FREE_MB = int(env.get("HEALTH_MIN_FREE_MB", "200"))
        self.HEALTH_MAX_MAIL_AGE_MIN = int(env.get("HEALTH_MAX_MAIL_AGE_MIN", "30"))
        # Rate limits per client address (klachtenloket/web/limits.py). memory:// counts in one
        # process only; with several gunicorn workers use redis://127.0.0.1:6379.
        self.RATELIMIT_STORAGE_URI = env.get("RATELIMIT_STORAGE_URI", "memory://")
        self.RATELIMIT_KEY_PREFIX = env.get("RATELIMIT_KEY_PREFIX", "klachtenloket")
        self.RATELIMIT_PUBLIC = env.get("RATELIMIT_PUBLIC", "20 per minute;200 per hour")
        self.RATELIMIT_LOGIN = env.get("RATELIMIT_LOGIN", "30 per minute;300 per hour")
        # Whose X-Forwarded-For the limits believe: the reverse proxy on this machine.
        self.TRUSTED_PROXIES = tuple(env.get("TRUSTED_PROXIES", "127.0.0.1 ::1").split())
        # The resident's languages (the back office: Dutch and English, klachtenloket/web/i18n.py).
        self.LANGUAGES = ("nl", "en", "tr", "ar", "pl", "uk")
        self.BABEL_DEFAULT_LOCALE = "nl"
        self.BABEL_DEFAULT_TIMEZONE = "Europe/Amsterdam"
        self.TESTING = False
        for key, value in overrides.items():
            setattr(self, key, value)
        if "SESSION_COOKIE_SECURE" not in env and "SESSION_COOKIE_SECURE" not in overrides:
            # Production is where the public address is https://: the session cookie (and with
            # it a staff login) then never travels over plain HTTP.
            self.SESSION_COOKIE_SECURE = self.PUBLIC_URL.startswith("https://")
        if self.TESTING and "FORM_MIN_SECONDS" not in env and "FORM_MIN_SECONDS" not in overrides:
            # Test clients send a form milliseconds after fetching it; the tests of the fill
            # time (tests/integration/test_spam_queue.py) set it themselves.
            self.FORM_MIN_SECONDS = 0
        if "STRICT_TRANSPORT_SECURITY" not in overrides:
            # HSTS (klachtenloket/web/security.py): once a browser saw the site over https://,
            # it uses nothing else for a year. Empty: not sent (a site on plain HTTP).
            self.STRICT_TRANSPORT_SECURITY = env.get(
                "STRICT_TRANSPORT_SECURITY",
                "max-age=31536000" if self.PUBLIC_URL.startswith("https://") else "")
