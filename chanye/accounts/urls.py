from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("", views.AccountList.as_view(), name="account-list"),
    path("new/", views.AccountCreate.as_view(), name="account-create"),
    path("<int:pk>/edit/", views.AccountUpdate.as_view(), name="account-update"),
    path("<int:pk>/active/", views.AccountActive.as_view(), name="account-active"),
    path("<int:pk>/password/", views.AccountResetPassword.as_view(), name="account-password"),
]
