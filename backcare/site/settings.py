"""Django settings. Safe by default: DEBUG off, no placeholder key, strict CSP.

BACKCARE_ENV=production additionally requires SECRET_KEY and ALLOWED_HOSTS (named hosts, no
wildcard) and turns on secure cookies, HTTPS redirects and HSTS. Locally, with nothing set,
backcare runs on a SQLite file under var/ with a key generated once into var/secret-key.
var/ (or BACKCARE_VAR_DIR) is private: the folder 0700, every file in it 0600.
"""

from __future__ import annotations

from pathlib import Path

from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from backcare.content.paths import PROJECT_ROOT, default_content_dir
from backcare.site.database import database_settings
from backcare.site.env import (
    envbool,
    envchoice,
    envint,
    envlist,
    envpath,
    envsecret,
    envstring,
    production_hosts,
)
from backcare.site.private_files import private_dir, private_file
from backcare.vocabulary import LANGUAGES as SPOKEN

BASE_DIR = PROJECT_ROOT
VAR_DIR = envpath("BACKCARE_VAR_DIR", BASE_DIR / "var")

ENVIRONMENT = envchoice("BACKCARE_ENV", ("development", "production"), "development")
PRODUCTION = ENVIRONMENT == "production"
DEBUG = envbool("DEBUG", False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off when BACKCARE_ENV=production")

SECRET_KEY = envsecret(PRODUCTION, VAR_DIR / "secret-key")

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"])
if PRODUCTION:
    ALLOWED_HOSTS = production_hosts(ALLOWED_HOSTS)

BACKCARE_CONTENT_DIR = default_content_dir()
# How long a completed red-flag screen is remembered on a device before it is asked again.
BACKCARE_SCREEN_HOURS = envint("BACKCARE_SCREEN_HOURS", 24, 1, 24 * 7)

INSTALLED_APPS = [
    # Accounts (backcare.accounts): Django's auth with django-allauth for sign-up, e-mail
    # confirmation, password reset and optional TOTP; django-axes locks out repeated failed
    # sign-ins. The admin is for operators: clinics, clinicians and programs.
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Before allauth: its templates (allauth/layouts/base.html...) are overridden there so
    # every sign-in page is one of ours, with the safety notice.
    "backcare.accounts",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "django.contrib.staticfiles",
    "ninja",  # serves the API docs page's assets locally instead of from a CDN
    "csp",
    "backcare.catalogue",
    "backcare.planning",
    "backcare.practice",
    "backcare.printouts",
    "backcare.programs",
    "backcare.progress",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "backcare.site.headers.PermissionsPolicyMiddleware",  # outside WhiteNoise: every response
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.locale.LocaleMiddleware",  # the language of /es/... pages
    "backcare.site.language.LanguageChoice",  # the API's ?lang=, the first visit's language
    # Public answers from memory: inside every header-adding middleware above and after the
    # language is settled (a redirected first visit never reaches it); what it keeps is what
    # the middleware below finished. See backcare/site/response_cache.py.
    "backcare.site.response_cache.ResponseCache",
    # Below the response cache: a public answer served from memory never opens a session.
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "backcare.accounts.layout.SiteNoticeContext",  # allauth's pages keep the safety notice
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "backcare.site.personal.PersonalResponses",  # private, no-store on per-person answers
    "backcare.accounts.bearer.BearerChallenge",  # WWW-Authenticate: Bearer on the API's 401s
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

# The response cache's room in memory (0 turns it off) and how long a shared cache may keep
# an answer whose URL names its language.
BACKCARE_RESPONSE_CACHE_BYTES = envint("BACKCARE_RESPONSE_CACHE_BYTES", 64 * 1024 * 1024,
                                       0, 4 * 1024 * 1024 * 1024)
BACKCARE_RESPONSE_CACHE_MAX_AGE = envint("BACKCARE_RESPONSE_CACHE_MAX_AGE", 300, 0, 31536000)

# The first worksheet request of a process prebuilds every routine's sheet, in each language
# and paper size, in a background thread (backcare/printouts/prebuilding.py).
BACKCARE_PREBUILD_WORKSHEETS = envbool("BACKCARE_PREBUILD_WORKSHEETS", True)

ROOT_URLCONF = "backcare.site.urls"
WSGI_APPLICATION = "backcare.site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "backcare.site.language.language_links",
                "backcare.catalogue.context.site_text",
            ],
        },
    },
]

DEFAULT_SQLITE = VAR_DIR / "backcare.sqlite3"
# SQLite in WAL mode with a busy timeout; PostgreSQL's connections kept and health-checked
# (backcare.site.database).
DATABASES = {"default": database_settings(DEFAULT_SQLITE, envint("DB_CONN_MAX_AGE", 60, 0, 3600))}
if (DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
        and Path(str(DATABASES["default"]["NAME"])) == DEFAULT_SQLITE):
    # sqlite3 would create the file with the umask's permissions (0644 as a rule), readable by
    # every account. Made here first, 0600, in a 0700 var/. SQLite gives its -journal, -wal
    # and -shm files the database file's own permissions, so they are 0600 too, without
    # touching the process's umask (which would change every file the process makes).
    private_dir(VAR_DIR)
    private_file(DEFAULT_SQLITE)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The languages backcare speaks (backcare.vocabulary.LANGUAGES): English at /, the others
# under /<code>/. One catalogue, backcare/locale, serves Django and the plain-Python core.
LANGUAGE_CODE = "en"
LANGUAGES = list(SPOKEN.items())
LOCALE_PATHS = [BASE_DIR / "backcare" / "locale"]
LANGUAGE_COOKIE_NAME = "backcare_lang"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
WHITENOISE_USE_FINDERS = True  # serve straight from the apps' static/ folders: no collectstatic
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_MAX_AGE = 3600

# Security headers, on everywhere; the HTTPS-only ones in production.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
# Permissions-Policy (camera, microphone, ... off) comes from backcare.site.headers.
if PRODUCTION:
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000, 0, 63072000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Asking browsers to hard-code HTTPS for the domain is hard to take back: opt in only.
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)
    if SECURE_HSTS_PRELOAD and SECURE_HSTS_SECONDS < 31536000:
        raise ImproperlyConfigured(
            f"SECURE_HSTS_PRELOAD=true needs SECURE_HSTS_SECONDS of at least 31536000 (one year) "
            f"for the preload list; it is {SECURE_HSTS_SECONDS}")
    if envbool("BEHIND_HTTPS_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Nothing is loaded from any other origin: no CDN fonts, scripts or styles.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    },
}

# --- Accounts --------------------------------------------------------------------------
# An anonymous device keeps working exactly as before; an account is for taking your data
# with you (and for clinicians). Sign-in is by e-mail address, confirmed by e-mail.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out sign-in
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None  # the person chooses ("Remember me")
ACCOUNT_EMAIL_SUBJECT_PREFIX = "backcare: "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
# allauth's own limits (sign-up, password reset, confirmation mails) stay on; failed
# sign-ins are counted by django-axes below.
ACCOUNT_RATE_LIMITS = {"login_failed": False}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "backcare"
SESSION_COOKIE_NAME = "backcare_session"
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 30 * 24 * 3600
# Five failed sign-ins for one address from one place lock it for an hour.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5, 1, 100)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "login"
# One name per person (the e-mail address, however the attempt came) and one answer when
# locked: 429 with Retry-After, JSON on the API, our page elsewhere (accounts/lockout.py).
AXES_USERNAME_CALLABLE = "backcare.accounts.lockout.username_of"
AXES_LOCKOUT_CALLABLE = "backcare.accounts.lockout.lockout_response"
AXES_VERBOSE = False
if PRODUCTION and envbool("BEHIND_HTTPS_PROXY", False):
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# E-mail: printed to the console in development; production sends through SMTP set in the
# environment (EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS).
if PRODUCTION:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = envstring("EMAIL_HOST", "localhost")
    EMAIL_PORT = envint("EMAIL_PORT", 587, 1, 65535)
    EMAIL_HOST_USER = envstring("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = envstring("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
    DEFAULT_FROM_EMAIL = envstring("DEFAULT_FROM_EMAIL", "backcare <noreply@localhost>")
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    DEFAULT_FROM_EMAIL = "backcare <noreply@localhost>"
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The biggest body backcare takes is a practice session, about 1 KB of JSON; forms are smaller.
DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024

# A refused request (bad Host, oversized body, 4xx from an exception) is one line, with no
# traceback (see backcare.site.log_filters); server errors keep their tracebacks. Those two
# loggers do not propagate, so Django's own handlers do not print them a second time.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line_client_errors": {"()": "backcare.site.log_filters.OneLineClientErrors"}},
    "formatters": {"named": {"format": "%(levelname)s %(name)s: %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "named",
                    "filters": ["one_line_client_errors"]},
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django.security": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
