"""Settings for the career portal, read from the environment.

With nothing set it runs in debug mode on an SQLite file. Production is
`DJANGO_DEBUG=0`: then DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS must be set.
Every variable is listed in README.md and .env.example.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name, default):
    value = os.environ.get(name, "")
    try:
        return int(value) if value else default
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from error


DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY: it is required when DJANGO_DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-used-with-debug-on"  # noqa: S105 - debug only

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "Set DJANGO_ALLOWED_HOSTS (comma-separated host names): it is required when DJANGO_DEBUG is off."
    )
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# The public address of the site, used for canonical links, share links and QR codes. In debug
# without SITE_URL, each request's own address (its Host, checked against ALLOWED_HOSTS) is used
# instead, so `make run PORT=8101` links to port 8101; production always uses SITE_URL.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_URL_FROM_REQUEST = DEBUG and "SITE_URL" not in os.environ
SITE_ID = 1
SITE_NAME = _("Medical Billing & Coding Career Map")
# The meta description of pages without a summary of their own (publishing.seo.page_description).
SITE_DESCRIPTION = _(
    "Routes into medical billing and coding: education, certifications such as CPB and CPC, "
    "skills and pay, with sources and dates."
)

INSTALLED_APPS = [
    # Before the admin, so the content apps' translation.py run before their admin.py.
    "modeltranslation",
    "careerportal.apps.PortalAdminConfig",  # django.contrib.admin with publishing's admin site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.redirects",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",
    "django_filters",
    "simple_history",
    "axes",
    "publishing",
    "certifications",
    "qualifications",
    "careerportal",
    "careerportal.sharing",
    "careerportal.search",
]

MIDDLEWARE = [
    "careerportal.middleware.RequestLogMiddleware",
    # 400 for control characters in the path, query or form, before anything reads them.
    "careerportal.middleware.InputRulesMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language comes from the address: English unprefixed, Spanish under /es/ (docs/languages.md).
    "careerportal.middleware.AddressLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "publishing.middleware.SiteUrlMiddleware",
    # After SiteUrlMiddleware and LocaleMiddleware: metadata carries absolute addresses and the language.
    "publishing.middleware.PageMetadataMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "careerportal.middleware.ResponseHeadersMiddleware",
    "careerportal.middleware.AnonymousPageCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "publishing.middleware.StaffIdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # django.contrib.redirects, also matching old addresses that arrive with ?fbclid=... or ?utm_...
    "publishing.redirects.QueryTolerantRedirectFallbackMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "careerportal.urls"
WSGI_APPLICATION = "careerportal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "careerportal.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DJANGO_DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
# Content text has a column per language (`summary_en`, `summary_es`); an empty Spanish one reads as English.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
LOCALE_PATHS = [BASE_DIR / "locale"]
# Spanish dates and numbers as read in the US: careerportal/formats/es.
FORMAT_MODULE_PATH = ["careerportal.formats"]
TIME_ZONE = "America/New_York"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Page cache for anonymous visitors (see careerportal/cache.py): local memory by
# default, Redis shared by every app server when REDIS_URL is set.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "careerportal",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
elif DEBUG:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "careerportal"}}
else:
    # Local memory is per process: with several gunicorn workers an edit handled by
    # one would leave the others serving stale pages. Files are shared by every
    # worker on the machine; several machines need REDIS_URL.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("DJANGO_CACHE_DIR", BASE_DIR / ".cache" / "pages"),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
# Most entries one page (one path) may have in the cache: its query and language variants.
PAGE_CACHE_MAX_VARIANTS = env_int("PAGE_CACHE_MAX_VARIANTS", 100)
# How long browsers and proxies may keep a public page without asking again. 0: they may store it but
# revalidate every time (a 304 while unchanged), so a visitor sees an edit on the next load, as servers do.
PAGE_BROWSER_CACHE_SECONDS = env_int("PAGE_BROWSER_CACHE_SECONDS", 0)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Content freshness: months after `last_reviewed` before a record needs review,
# per model label, with a default.
CONTENT_REVIEW_INTERVAL_MONTHS = {"default": env_int("CONTENT_REVIEW_INTERVAL_MONTHS", 12)}
# The one staleness rule: years after its as-of date (for an undated page, the date it was read) before a
# figure is labelled "possibly out of date", by kind of figure (the sourced figure's prefix). Applied on every
# page, in the compare table, in JSON-LD (stale figures are not stated) and in content_review_report.
FIGURE_OUTDATED_AFTER_YEARS = {
    "price": 2,  # exam prices and fees
    "cost": 2,  # program costs
    "figure": 2,  # pay and outlook, from their reference period
    "exam": 3,  # exam formats
    "renewal": 3,
    "rule": 3,  # eligibility requirements
    "duration": 3,  # program lengths
    "default": 2,
}
# Staging, test and copy hosts (shell-style patterns): a source there is never an issuer's own page. It is
# flagged to editors, shown to readers as a copy, and cannot back a figure marked "official".
SOURCE_COPY_HOSTS = [
    "cms-qa.*",
    "cms-test.*",
    "conference-test.*",
    "*-qa.*",
    "*-test.*",
    "*.pages.dev",
    "*.workers.dev",
    "*.elb.amazonaws.com",
    "staging.*",
    "www-devnav.*",
    "*.matrixdev.net",
    "*.vtcus.com",
    "[0-9]*.[0-9]*.[0-9]*.[0-9]*",
    "ahima.app",
    "healthcom.info",
    "saswell-cn.com",
    "www.saswell-cn.com",
    "saviorquiz.com",
    "arietiform.com",
    "ptop.only.wip.la",
]

# Security headers. The Content-Security-Policy allows nothing inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
# Browser features no page of this site uses (careerportal.middleware.ResponseHeadersMiddleware).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=(), interest-cohort=()"
)
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
if os.environ.get("DJANGO_SECURE_PROXY_SSL_HEADER"):
    # e.g. "HTTP_X_FORWARDED_PROTO,https" behind a proxy that sets that header.
    SECURE_PROXY_SSL_HEADER = tuple(env_list("DJANGO_SECURE_PROXY_SSL_HEADER"))

# Login protection (django-axes): lock out after repeated failures.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30) / 60  # hours
# Per account and address, and per address across accounts (careerportal/login_limits.py).
AXES_LOCKOUT_PARAMETERS = "careerportal.login_limits.lockout_parameters"
AXES_ADDRESS_FAILURE_LIMIT = env_int("AXES_ADDRESS_FAILURE_LIMIT", 20)
# The client's address behind DJANGO_TRUSTED_PROXY_COUNT proxies (X-Forwarded-For), else REMOTE_ADDR.
AXES_CLIENT_IP_CALLABLE = "careerportal.login_limits.client_ip"
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 0)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "publishing/lockout.html"
# Where the admin sign-in leads when its `next` is missing or refused (an address on another site).
LOGIN_REDIRECT_URL = "admin:index"

# Editors (publishing): staff are signed out after this many idle minutes;
# signed preview links for reviewers without an account work this many days.
STAFF_SESSION_IDLE_MINUTES = env_int("STAFF_SESSION_IDLE_MINUTES", 30)
PREVIEW_LINK_MAX_AGE_DAYS = env_int("PREVIEW_LINK_MAX_AGE_DAYS", 7)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "plain"}},
    "root": {"handlers": ["stdout"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # One line per request comes from careerportal.middleware.RequestLogMiddleware;
        # django.request then only reports server errors (with their traceback).
        "django": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        "django.request": {"handlers": ["stdout"], "level": "ERROR", "propagate": False},
        "django.server": {"handlers": [], "propagate": False},
    },
}
