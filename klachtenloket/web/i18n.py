"""Which language a page is in: a choice the person made, else their browser's, else Dutch.

The resident's pages, mails and letters come in every language of LANGUAGES (config.py); the
back office (/beheer) only in STAFF_LANGUAGES: a staff page asked for in another language is
shown in Dutch or English, and its language menu offers only those.
"""
from flask import current_app, has_request_context, request, session, url_for
from flask_babel import get_locale

# Each language named in itself, so a person finds their own.
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English", "tr": "Türkçe", "ar": "العربية",
                  "pl": "Polski", "uk": "Українська"}
# Languages written from right to left: their pages get <html dir="rtl">.
RIGHT_TO_LEFT = frozenset({"ar"})
STAFF_LANGUAGES = ("nl", "en")


def _on_staff_page() -> bool:
    return bool(request) and (request.blueprint == "staff" or request.path.startswith("/beheer"))


def offered() -> tuple[str, ...]:
    """The languages of this page: every one for the resident, Dutch and English for staff."""
    languages = tuple(current_app.config["LANGUAGES"])
    if _on_staff_page():
        return tuple(code for code in languages if code in STAFF_LANGUAGES)
    return _chosen_by_organisation(languages)


def resident_languages() -> tuple[str, ...]:
    """The languages residents are offered, wherever asked (also on a staff page: the letter
    and e-mail texts are written for residents)."""
    return _chosen_by_organisation(tuple(current_app.config["LANGUAGES"]))


def _chosen_by_organisation(languages: tuple[str, ...]) -> tuple[str, ...]:
    """Those of `languages` the organisation offers residents (settings: intake.languages;
    none named: all of them)."""
    if not has_request_context():
        return languages
    from klachtenloket.web.organisation import current_organisation
    chosen = current_organisation().languages
    return tuple(code for code in languages if code in chosen) or languages


def languages_here() -> dict[str, str]:
    """{code: name in itself} for the language menu of this page."""
    return {code: LANGUAGE_NAMES.get(code, code) for code in offered()}


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


def text_direction(code: str | None = None) -> str:
    """"rtl" for Arabic, else "ltr": the `dir` of <html> (and of a letter's PDF)."""
    return "rtl" if (code or current_language()) in RIGHT_TO_LEFT else "ltr"


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
