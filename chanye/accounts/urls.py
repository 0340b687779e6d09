from chanye.core.views import object_urls

from . import views

app_name = "accounts"
urlpatterns = object_urls(
    "account",
    list=views.AccountList,
    create=views.AccountCreate,
    update=views.AccountUpdate,
    active=views.AccountActive,
    password=views.AccountResetPassword,
)
