"""Klachtenloket's application factory: `flask --app app run`."""
from flask import Flask
from flask_babel import Babel
from flask_wtf.csrf import CSRFProtect

from config import Config
from klachtenloket import db
from klachtenloket.web import access, formatting, i18n, labels, limits, logs, security
from klachtenloket.web.organisation import current_organisation

csrf = CSRFProtect()
babel = Babel()


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_path=str(Config().INSTANCE_PATH))
    app.config.from_object(Config(**(config or {})))

    db.bind(app.config["DATABASE_URL"])
    babel.init_app(app, locale_selector=i18n.select_locale,
                   default_translation_directories="translations")
    # Before the CSRF check reads the form: the logo upload may be larger than other requests.
    from views import logo
    app.before_request(logo.larger_upload)
    csrf.init_app(app)
    access.init_app(app)

    from views import brand, callback, errors, health, paper_form, public, staff, track
    app.register_blueprint(public.bp)
    app.register_blueprint(callback.bp)     # call-back requests, where the organisation takes them
    app.register_blueprint(track.bp)
    app.register_blueprint(staff.bp)    # stays under the global CSRF check
    app.register_blueprint(health.bp)   # GET only: monitoring, no session
    app.register_blueprint(brand.bp)    # GET only: the accent colour as /huisstijl.css
    app.register_blueprint(paper_form.bp)   # GET only: the complaint form to print (PDF)
    app.register_blueprint(logo.bp)     # GET only: the organisation's logo, cached by its hash
    errors.register(app)
    limits.init_app(app)    # after the blueprints: wraps the views marked @limits.posts
    logs.install(app)       # no token, text or address in a log line
    # Residents' forms check their own token, so an expired one re-shows the
    # page with everything typed instead of an error page (forms/base.py).
    csrf.exempt(public.bp)
    csrf.exempt(callback.bp)
    csrf.exempt(track.bp)

    @app.before_request
    def open_db():
        db.database.connect(reuse_if_open=True)
        i18n.remember_choice()

    @app.teardown_request
    def close_db(exc):
        if not db.database.is_closed():
            db.database.close()

    app.after_request(security.headers)
    app.after_request(security.tokenless_post)
    app.context_processor(lambda: {"org": current_organisation(),
                                   "languages": i18n.languages_here(),
                                   "current_language": i18n.current_language(),
                                   "text_direction": i18n.text_direction()})
    app.jinja_env.globals["language_url"] = i18n.language_url
    formatting.register(app)
    labels.register(app)

    from klachtenloket.cli import register
    register(app)
    return app
