"""Which language a page is in: a choice the person made, else their browser's, else Dutch."""
from flask import current_app, request, session, url_for
from flask_babel import get_locale

# Each language named in itself, so a person finds their own.
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}


def offered() -> tuple[str, ...]:
    return tuple(current_app.config["LANGUAGES"])


def remember_choice() -> None:
    """A `?lang=xx` link switches the language for the rest of the visit."""
    chosen = request.args.get("lang")
    if chosen in offered() and session.get("lang") != chosen:
        session["lang"] = chosen


def select_locale() -> str:
    chosen = request.args.get("lang") or session.get("lang")
    if chosen in offered():
        return chosen
    return request.accept_languages.best_match(offered()) or current_app.config["BABEL_DEFAULT_LOCALE"]


def current_language() -> str:
    return str(get_locale() or "nl")


def language_url(code: str) -> str:
    args = {k: v for k, v in request.args.items() if k != "lang"}
    args["lang"] = code
    return url_for(request.endpoint or "public.start", **(request.view_args or {}), **args)
