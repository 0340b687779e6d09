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
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
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
# Per account, not per address: a whole office behind one NAT address must not be locked out
# by one colleague's typos. Hence axes' advice to add ip_address (W006) is silenced.
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

# Chinese first, English second.
LANGUAGE_CODE = "zh-hans"
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
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: its WWW-Authenticate header turns a request without credentials into 401, not 403.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["chanye.core.api_settings.HasRole"],
    "DEFAULT_PAGINATION_CLASS": "chanye.core.api_settings.Pagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "chanye API",
    "DESCRIPTION": "产业集群管理平台 REST API (v1)",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Monthly statistics files can be large (a city's figures over years).
CHANYE_MAX_OBSERVATION_IMPORT_BYTES = 200 * 1024 * 1024
CHANYE_MAX_OBSERVATION_IMPORT_ROWS = 2_000_000

# The archive keeps every original file, named by its SHA-256 (content-addressed).
CHANYE_ARCHIVE_DIR = Path(os.environ.get("CHANYE_ARCHIVE_DIR", DATA_DIR / "archive"))
CHANYE_MAX_DOCUMENT_BYTES = 50 * 1024 * 1024

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

# The monthly brief (月度简报): the Word template it is filled into. Unset: the shipped template
# (chanye/briefs/brief-template.docx); `chanye report template -o FILE` writes a copy to edit.
CHANYE_BRIEF_TEMPLATE = os.environ.get("CHANYE_BRIEF_TEMPLATE", "")

# Appeals (企业诉求): deadlines in Chinese working days from receipt (public holidays and 调休 counted).
CHANYE_APPEAL_DEADLINES = {"respond": 1, "assess": 3, "feedback": 5}
