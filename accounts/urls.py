from django.urls import path

from .views import account, sign_in, two_factor

app_name = "accounts"

urlpatterns = [
    path("account/", account.account, name="account"),
    path("account/email/", account.change_email, name="email"),
    path("account/email/confirm/<str:token>/", account.confirm_email, name="email_confirm"),
    path("account/password/", account.password_change, name="password_change"),
    path("account/data.json", account.download_data, name="download_data"),
    path("account/delete/", account.delete_account, name="delete"),
    path("account/sign-in/", sign_in.sign_in, name="sign_in"),
    path("account/sign-in/verify/", sign_in.verify_view, name="verify"),
    path("account/sign-out/", sign_in.sign_out, name="sign_out"),
    path("account/password/reset/", sign_in.password_reset, name="password_reset"),
    path("account/password/reset/sent/", sign_in.password_reset_done, name="password_reset_done"),
    path(
        "account/password/reset/<uidb64>/<token>/",
        sign_in.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("account/password/reset/done/", sign_in.password_reset_complete, name="password_reset_complete"),
    path("account/two-factor/", two_factor.overview, name="two_factor"),
    path("account/two-factor/app/", two_factor.authenticator_app, name="two_factor_app"),
    path("account/two-factor/recovery-codes/", two_factor.regenerate_recovery_codes, name="recovery_codes"),
    path("account/two-factor/off/", two_factor.turn_off, name="two_factor_off"),
]
