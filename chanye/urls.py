from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView

from chanye.accounts.views import LoginView, PasswordChangeView
from chanye.archive.api import router as archive_router
from chanye.chains.api import router as chains_router
from chanye.core.api import not_found as api_not_found
from chanye.extraction.api import router as extraction_router
from chanye.monitoring.api import router as monitoring_router
from chanye.monitoring.views import Cockpit
from chanye.projects.api import router as projects_router
from chanye.regions.api import router as regions_router
from chanye.registry.api import router as registry_router
from chanye.search import SiteSearch
from chanye.visits.api import router as visits_router

api_v1 = [
    path("", include(registry_router.urls)),
    path("", include(chains_router.urls)),
    path("", include(monitoring_router.urls)),
    path("", include(projects_router.urls)),
    path("", include(visits_router.urls)),
    path("", include(archive_router.urls)),
    path("", include(extraction_router.urls)),
    path("", include(regions_router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Last: any other address ending in / is a JSON 404 (without the slash, Django first adds it).
    re_path(r"^.*/$", api_not_found),
]

urlpatterns = [
    path("", Cockpit.as_view(), name="home"),
    path("accounts/login/", LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", PasswordChangeView.as_view(), name="password_change"),
    path("accounts/users/", include("chanye.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("history/", include("chanye.core.urls")),
    path("search/", SiteSearch.as_view(), name="search"),
    path("registry/", include("chanye.registry.urls")),
    path("chains/", include("chanye.chains.urls")),
    path("monitoring/", include("chanye.monitoring.urls")),
    path("projects/", include("chanye.projects.urls")),
    path("visits/", include("chanye.visits.urls")),
    path("archive/", include("chanye.archive.urls")),
    path("facts/", include("chanye.extraction.urls")),
    path("regions/", include("chanye.regions.urls")),
    path("briefs/", include("chanye.briefs.urls")),
    path("jobs/", include("chanye.jobs.urls")),
    path("api/v1/", include(api_v1)),
]
