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


# Pages shown in answer to a POST-only address switch language on the page they belong to.
GET_PAGE_OF = {"public.send": "public.check", "track.add_information": "track.show"}


def language_url(code: str) -> str:
    """This page in another language (a GET link: works without JavaScript)."""
    args = {k: v for k, v in request.args.items() if k != "lang"}
    args["lang"] = code
    endpoint = request.endpoint or "public.start"
    rules = current_app.url_map.iter_rules(endpoint) if request.endpoint else ()
    if not any("GET" in rule.methods for rule in rules):
        endpoint = GET_PAGE_OF.get(endpoint, "public.start")
        if endpoint == "public.start":
            return url_for(endpoint, lang=code)
    return url_for(endpoint, **(request.view_args or {}), **args)
