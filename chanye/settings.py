"""The one settings module. Everything that differs between machines comes from the environment.

CHANYE_DATABASE_URL   sqlite:///path or postgresql://user@host/db (default: ./chanye.sqlite3)
CHANYE_SECRET_KEY     secret key (default: generated once into ./chanye-secret.key)
CHANYE_DEBUG          1 for development pages with tracebacks (default: 0)
CHANYE_ALLOWED_HOSTS  comma-separated host names (default: 127.0.0.1,localhost)
CHANYE_DATA_DIR       where the default database and secret key live (default: current directory)
CHANYE_TASK_QUEUE     where background jobs wait: `database` (default), `redis://host:port/db`, or `immediate`
CHANYE_BRIEF_TEMPLATE the Word template of the monthly brief (default: the shipped one)
"""

import os
import secrets
import tempfile
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("CHANYE_DATA_DIR", Path.cwd())).resolve()


def env_flag(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").strip().lower() in {"1", "true", "yes", "on"}


def secret_key() -> str:
    """The key from the environment, else one generated once and kept beside the database,
    so sessions survive a restart without anyone having to invent a key."""
    if key := os.environ.get("CHANYE_SECRET_KEY"):
        return key
    path = DATA_DIR / "chanye-secret.key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def database(url: str) -> dict:
    config = dj_database_url.parse(url, conn_max_age=0 if url.startswith("sqlite") else 60)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets the web server's workers read while one writes; IMMEDIATE makes a writing
        # transaction take its lock up front instead of failing half-way with "database is locked".
        # A page cache of up to 64 MB a connection (SQLite's default is 2 MB): an ingest touches hundreds
        # of pages of the near-duplicate fingerprints' index, which a small cache read again from the
        # file for every document (docs/benchmarks.md: a tenth of the ingest's time, most of its system time).
        # A checkpoint every 64 MB of WAL rather than SQLite's 4 MB: those pages are rewritten by many
        # commits, and each checkpoint copies them back into the file once (an ingest's commit 40 % shorter).
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536; "
                "PRAGMA wal_autocheckpoint=16384;"
            ),
        }
        # The test database is a file, not memory, so that the tests' worker and scheduler processes
        # (chanye.jobs.tests) can open it; one per test process, in the temporary folder.
        config["TEST"] = {"NAME": str(Path(tempfile.gettempdir()) / f"chanye-test-{os.getpid()}.sqlite3")}
    return config


SECRET_KEY = secret_key()
DEBUG = env_flag("CHANYE_DEBUG")
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("CHANYE_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()
]
DATABASES = {"default": database(os.environ.get("CHANYE_DATABASE_URL", f"sqlite:///{DATA_DIR / 'chanye.sqlite3'}"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "django_bootstrap5",
    "django_htmx",
    "axes",
    "django_tasks_db",
    "chanye.core",
    "chanye.jobs",
    "chanye.accounts",
    "chanye.registry",
    "chanye.reference",
    "chanye.chains",
    "chanye.monitoring",
    "chanye.projects",
    "chanye.visits",
    "chanye.archive",
    "chanye.extraction",
    "chanye.regions",
    "chanye.briefs",
    "chanye.demo",
    "chanye.benchmarks",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "chanye.core.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After both: a generated password must be replaced before anything else (chanye.accounts.services).
    "chanye.accounts.middleware.PasswordChangeRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",  # SECURE_CSP below
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "chanye.urls"
WSGI_APPLICATION = "chanye.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",  # csp_nonce, for the rare <style> a page needs
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "chanye.core.context_processors.navigation",
                "chanye.visits.context_processors.notifications",
            ]
        },
    }
]

# Accounts: password rules, session expiry, login lockout.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # must come first: it refuses locked-out credentials
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_AGE = 8 * 60 * 60  # a working day; a forgotten office PC does not stay signed in
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # htmx sends the token through hx-headers in base.html
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours: locked out for 15 minutes
# Locked after 5 failures: a user name at one address (a colleague's typos lock only that name there, and
# no one elsewhere can lock `admin` out by guessing its password), and an address whatever the names (one
# machine trying many accounts). Each criterion counts on its own (axes takes the highest count).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

# --- HTTPS and security headers (issue 16, defect 7) ---
# CHANYE_HTTPS=1 when the site is served over HTTPS, normally by nginx in front of `chanye serve` passing
# `X-Forwarded-Proto $scheme`: plain HTTP is redirected, browsers are told to use HTTPS only (HSTS), cookies
# travel only over HTTPS. `chanye check --deploy` is clean with it, a real CHANYE_SECRET_KEY and DEBUG off.
CHANYE_HTTPS = env_flag("CHANYE_HTTPS")
if CHANYE_HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")  # only trust it from our own proxy
    SECURE_HSTS_SECONDS = int(os.environ.get("CHANYE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True  # only a token: nothing happens unless the domain is submitted to the list
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
# Content-Security-Policy (Django's own middleware). Scripts only from our static files: pages pass data with
# json_script and behaviour lives in chanye/static/chanye/*.js (no inline script, no on…= attribute, no eval:
# htmx runs with allowEval off). <style> elements only from our files or with the request's nonce. Style
# *attributes* are allowed (style-src-attr 'unsafe-inline'): ECharts writes its tooltips as HTML with style
# attributes and templates size bars with them; an injected style attribute cannot run script nor read the
# page, so this keeps the charts working for little risk. data: images are Tabler's inline SVG icons.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "style-src-attr": [CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Chinese first, English second.
LANGUAGE_CODE = "zh-hans"
FILTERS_EMPTY_CHOICE_LABEL = gettext_lazy("全部")  # a filter left empty keeps every row
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# Static files: vendored into chanye/static and served by whitenoise straight from the
# finders, so neither a CDN nor a collectstatic step is needed to run.
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Only for `chanye collectstatic` behind another web server; whitenoise needs no copy.
STATIC_ROOT = os.environ.get("CHANYE_STATIC_ROOT") or None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Uploads: imports are small tables; anything larger is refused with a message.
CHANYE_MAX_IMPORT_BYTES = 5 * 1024 * 1024
CHANYE_MAX_IMPORT_ROWS = 10_000
# A small XLSX may hold a million rows: rows and cells are counted as they are read and reading stops at the
# first past a limit; an XLSX or DOCX unpacking to more than this is refused before it is opened (zip bomb).
CHANYE_MAX_IMPORT_CELLS = 1_000_000
CHANYE_MAX_IMPORT_UNPACKED_BYTES = 100 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Client addresses, API throttling and tokens (issue 16, defect 6) ---
# Behind a reverse proxy every request comes from the proxy: CHANYE_PROXY_HEADER names the header in which
# it passes the client's address (X-Forwarded-For or X-Real-IP) and CHANYE_PROXY_COUNT how many proxies of
# ours append to it (default 1): the address that many places from its right end counts, the only one a
# client cannot forge. Unset, the connection's own address counts. The login lockout (axes) and the API's
# throttles read the same address (chanye.core.addresses.client_address).
CHANYE_PROXY_HEADER = os.environ.get("CHANYE_PROXY_HEADER", "").strip()
CHANYE_PROXY_COUNT = int(os.environ.get("CHANYE_PROXY_COUNT", "1"))
AXES_CLIENT_IP_CALLABLE = "chanye.core.addresses.client_address"
# API requests per client address without credentials, and per account with them (DRF's rate syntax).
# Counted in the cache: per worker process unless a shared cache is configured.
CHANYE_API_RATES = {
    "anon": os.environ.get("CHANYE_API_RATE_ANON", "60/min"),
    "user": os.environ.get("CHANYE_API_RATE_USER", "1200/min"),
}
# DRF's Token (one per user), refused once older than this many days (chanye.accounts.authentication);
# `chanye token create` issues a new one, `chanye token revoke` deletes it at once. Chosen over
# django-rest-knox because clients keep the tokens already issued and the per-user model stays.
CHANYE_API_TOKEN_DAYS = int(os.environ.get("CHANYE_API_TOKEN_DAYS", "90"))

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: its WWW-Authenticate header turns a request without credentials into 401, not 403.
        "chanye.accounts.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["chanye.core.api_settings.AnonymousRate", "chanye.core.api_settings.UserRate"],
    "EXCEPTION_HANDLER": "chanye.core.api_settings.exception_handler",
    "DEFAULT_PERMISSION_CLASSES": ["chanye.core.api_settings.HasRole"],
    "DEFAULT_PAGINATION_CLASS": "chanye.core.api_settings.Pagination",
    "DEFAULT_FILTER_BACKENDS": ["chanye.core.filters.FilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "chanye.core.api_schema.AutoSchema",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "chanye API",
    "DESCRIPTION": "产业集群管理平台 REST API (v1)",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Separate request and response components: a field may be written as text and read back as an object
    # (an observation's period), and the schema says each as it is.
    "COMPONENT_SPLIT_REQUEST": True,
    # Several models call their choices "status": each gets a name of its own in the schema.
    "ENUM_NAME_OVERRIDES": {
        "FactStatusEnum": "chanye.extraction.models.ExtractedFact.Status",
        "AppealStatusEnum": "chanye.visits.models.Appeal.Status",
        "BriefStatusEnum": "chanye.briefs.models.GeneratedBrief.Status",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"forbidden_on_one_line": {"()": "chanye.core.log_filters.ForbiddenOnOneLine"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    # a 403 is a line, not a traceback: refusals are expected, tracebacks are for errors
    "loggers": {"django.request": {"filters": ["forbidden_on_one_line"]}},
}

# Monthly statistics files can be large (a city's figures over years).
CHANYE_MAX_OBSERVATION_IMPORT_BYTES = 200 * 1024 * 1024
CHANYE_MAX_OBSERVATION_IMPORT_ROWS = 2_000_000
CHANYE_MAX_OBSERVATION_IMPORT_CELLS = 40_000_000
CHANYE_MAX_OBSERVATION_IMPORT_UNPACKED_BYTES = 2 * 1024 * 1024 * 1024

# The archive keeps every original file, named by its SHA-256 (content-addressed).
CHANYE_ARCHIVE_DIR = Path(os.environ.get("CHANYE_ARCHIVE_DIR", DATA_DIR / "archive"))
CHANYE_MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
CHANYE_MAX_DOCUMENT_UNPACKED_BYTES = 500 * 1024 * 1024  # a DOCX's parts unpacked (zip bomb)

# The region this instance serves (a 区划代码 or a name): a district, or a city of many districts.
# Its records and those of the regions in it are the instance's own; other regions' are peers' (对标).
# Fact extraction reads 全区 and 本区 as it when a document names no region of its own.
# (CHANYE_DISTRICT, a name, is the older spelling and still read.)
CHANYE_REGION = os.environ.get("CHANYE_REGION") or os.environ.get("CHANYE_DISTRICT") or "500104"

# Background work (后台任务, chanye.jobs): Django's Tasks framework. By default the jobs wait in this
# same database (django-tasks-db) and `chanye worker` runs them: nothing more to install or start.
# A larger deployment sets CHANYE_TASK_QUEUE=redis://host:6379/0 (django-tasks-rq, workers of RQ);
# `immediate` runs each job inside the request that queues it (no worker; development only).
CHANYE_TASK_QUEUE = os.environ.get("CHANYE_TASK_QUEUE", "database").strip() or "database"
RQ_QUEUES = {
    "default": {
        "URL": CHANYE_TASK_QUEUE if CHANYE_TASK_QUEUE.startswith("redis") else "redis://127.0.0.1:6379/0",
        "DEFAULT_TIMEOUT": 6 * 60 * 60,  # a city's statistics file or a large folder may take hours
    }
}
if CHANYE_TASK_QUEUE.startswith(("redis://", "rediss://", "unix://")):
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    INSTALLED_APPS += ["django_rq", "django_tasks", "django_tasks_rq"]
elif CHANYE_TASK_QUEUE == "immediate":
    TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
elif CHANYE_TASK_QUEUE == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
else:
    raise ValueError(f"CHANYE_TASK_QUEUE must be database, immediate or redis://…, not {CHANYE_TASK_QUEUE!r}")
# A failed job is tried again after this many seconds, doubled at each attempt, up to its kind's limit.
CHANYE_JOB_RETRY_DELAY = float(os.environ.get("CHANYE_JOB_RETRY_DELAY", "30"))
# The schedules (daily escalation, weekly stale figures, the monthly brief): one module declares them all.
CHANYE_SCHEDULES = os.environ.get("CHANYE_SCHEDULES", "chanye.schedules")
# A statistics file larger than this is checked and imported by a worker, not in the request.
CHANYE_BACKGROUND_IMPORT_BYTES = 1024 * 1024
# ...or whose parts unpack to more than this (an XLSX of 150 KB may hold a million rows)
CHANYE_BACKGROUND_IMPORT_UNPACKED_BYTES = 16 * 1024 * 1024

# The monthly brief (月度简报): the Word template it is filled into. Unset: the shipped template
# (chanye/briefs/brief-template.docx); `chanye report template -o FILE` writes a copy to edit.
CHANYE_BRIEF_TEMPLATE = os.environ.get("CHANYE_BRIEF_TEMPLATE", "")

# Appeals (企业诉求): deadlines in Chinese working days from receipt (public holidays and 调休 counted).
CHANYE_APPEAL_DEADLINES = {"respond": 1, "assess": 3, "feedback": 5}
