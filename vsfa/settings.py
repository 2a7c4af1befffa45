"""Settings for vsfa, read from the environment with safe local defaults.

With nothing set, the app runs on a SQLite file and huey on SQLite under
``var/``. ``DATABASE_URL`` (PostgreSQL) and ``REDIS_URL`` (huey on Redis) switch
to the production services. ``DJANGO_DEBUG=0`` turns on the deployment
hardening that ``manage.py check --deploy`` asks for.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VSFA_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DEBUG is off.")
    # Only for local development: never used with DEBUG off (checked above).
    SECRET_KEY = "dev-only-insecure-key-for-local-use-0123456789abcdefghijklmnopq"  # noqa: S105 -- development default, refused in production above

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "huey.contrib.djhuey",
    "bootstrap",
    "vsfa",
    "cohorts",
    "competition",
    "mentorship",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Pages are compressed here, not only by a proxy that may not be there:
    # a full cohort's completion grid is 225 KB of HTML and 18 KB gzipped.
    # Django pads compressed pages with random bytes against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the session, the account or anything a page shows is read.
    "vsfa.freshness.GenerationMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "vsfa.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "vsfa.middleware.EditionMiddleware",
]

ROOT_URLCONF = "vsfa.urls"

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
                "vsfa.context_processors.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "vsfa.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'vsfa.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for a lock instead of failing at once when the web server and the
    # huey consumer write at the same time.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "vsfa.User"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Sign-in by e-mail only; nobody signs up on their own: organisers invite.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "vsfa.adapters.InviteOnlyAccountAdapter"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = True
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"

LANGUAGE_CODE = "ro"
LANGUAGES = [("ro", _("Romanian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Bucharest"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "vsfa" / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Attendance files above this size are refused with a message, not read.
VSFA_IMPORT_MAX_BYTES = int(os.environ.get("VSFA_IMPORT_MAX_BYTES", 20 * 1024 * 1024))
# Attendance files with more rows than this are read and imported by the huey
# worker, the page showing the progress, so that no web worker waits on them.
VSFA_IMPORT_BACKGROUND_ROWS = int(os.environ.get("VSFA_IMPORT_BACKGROUND_ROWS", 2000))

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get(
    "DJANGO_DEFAULT_FROM_EMAIL", "Vreau să fiu antreprenor <vsfa@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address used in links inside e-mails sent by background tasks.
VSFA_SITE_URL = os.environ.get("VSFA_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

REDIS_URL = os.environ.get("REDIS_URL", "")
HUEY_IMMEDIATE = env_bool("HUEY_IMMEDIATE", False)
if REDIS_URL:
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": os.environ.get("HUEY_NAME", "vsfa"),
        "url": REDIS_URL,
        "immediate": HUEY_IMMEDIATE,
        "consumer": {"workers": 2, "worker_type": "thread"},
    }
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "vsfa",
        "filename": str(VAR_DIR / "huey.sqlite3"),
        "immediate": HUEY_IMMEDIATE,
        "consumer": {"workers": 2, "worker_type": "thread"},
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # fpdf2 subsets fonts through fontTools, which logs each table at INFO.
        "fontTools": {"level": "WARNING"},
    },
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Content security policy (django-csp): scripts, styles, fonts and images only
# from this site, never inline; no frames, no plugins. Pages keep their
# scripts in static files (progressive enhancement) and their looks in
# classes; "data:" images are the icons Bootstrap's stylesheet embeds.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 31536000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Programme figures that organisers may change per edition live on Edition;
# these are the defaults a new edition starts from.
VSFA_DEFAULT_TARGETS = {
    "target_conferences": 15,
    "target_attendees": 1500,
    "cohort_size": 75,
    "target_modules": 13,
    "target_finals": 1,
    "finalist_count": 10,
    "target_startups": 10,
    "checkin_count": 6,
    "checkin_interval_months": 1,
}

# Mentorship and startups. The legal minimum share capital per legal form (lei)
# changes with the law (the SRL minimum changed in late 2025): check it before
# each edition. Keys are mentorship.choices.LegalForm values.
VSFA_MIN_SHARE_CAPITAL = {"SRL": 500, "SRL-D": 500, "PFA": 0, "other": 0}
# Days before a check-in is due when its mentor gets a reminder by e-mail.
VSFA_CHECKIN_REMINDER_DAYS = int(os.environ.get("VSFA_CHECKIN_REMINDER_DAYS", "3"))

# Uploaded files (vsfa.uploads). Checked files are kept outside MEDIA_ROOT and
# handed out only by views that check permissions.
VSFA_PRIVATE_MEDIA_ROOT = Path(
    os.environ.get("VSFA_PRIVATE_MEDIA_ROOT", VAR_DIR / "private")
)
VSFA_UPLOAD_MAX_BYTES = int(os.environ.get("VSFA_UPLOAD_MAX_BYTES", 10 * 1024 * 1024))
# Width x height above which an image is refused before it is decoded (a
# "decompression bomb" unpacks a small file into gigabytes of memory).
VSFA_UPLOAD_MAX_PIXELS = int(os.environ.get("VSFA_UPLOAD_MAX_PIXELS", 40_000_000))
# Images are scaled down to at most this many pixels wide or high when saved.
VSFA_UPLOAD_IMAGE_MAX_SIDE = int(os.environ.get("VSFA_UPLOAD_IMAGE_MAX_SIDE", 2560))
# How many files one form may send at once (a check-in's evidence).
VSFA_UPLOAD_FILES_AT_ONCE = 5
# Organisers are alerted once a check-in is this many days late.
VSFA_CHECKIN_ALERT_DAYS = int(os.environ.get("VSFA_CHECKIN_ALERT_DAYS", "14"))
# A reminder claimed by a worker that has not sent it after this many seconds
# (the worker died or was restarted) is taken over by the next run.
VSFA_REMINDER_CLAIM_SECONDS = int(os.environ.get("VSFA_REMINDER_CLAIM_SECONDS", "900"))
# "Still active after six months": the age, in months from the registration
# date, at which a startup's confirmed status counts.
VSFA_ACTIVE_AFTER_MONTHS = 6

# The cache counts the public forms' submissions per address (rate limits):
# Redis, shared by every web worker, when REDIS_URL is set; otherwise each
# process counts on its own.
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("HUEY_NAME", "vsfa"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Parts of the busiest pages, kept until the data changes (vsfa.freshness).
# Every process must see the same generation of the data, the worker's writes
# too: with Redis it is kept there with the parts; otherwise it is a file that
# all processes of this machine share, and each keeps its parts in memory.
if REDIS_URL:
    CACHES["pages"] = {
        **CACHES["default"],
        "KEY_PREFIX": os.environ.get("HUEY_NAME", "vsfa") + ":pages",
    }
    VSFA_PAGES_GENERATION_FILE = None
else:
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "vsfa-pages",
    }
    VSFA_PAGES_GENERATION_FILE = VAR_DIR / "cache" / "generation"
# Applications the public form takes from one address in a window of time. A
# school's computer room shares one address: raise it for an application day.
VSFA_APPLICATIONS_PER_ADDRESS = int(os.environ.get("VSFA_APPLICATIONS_PER_ADDRESS", 5))
VSFA_APPLICATIONS_WINDOW_SECONDS = int(
    os.environ.get("VSFA_APPLICATIONS_WINDOW_SECONDS", 600)
)
# Behind a reverse proxy every request comes from the proxy: name the header
# it sets with the client's address (e.g. HTTP_X_REAL_IP). Trusted as given.
VSFA_CLIENT_IP_HEADER = os.environ.get("VSFA_CLIENT_IP_HEADER", "")
