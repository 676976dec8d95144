from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "backcare.accounts"
    label = "accounts"
    verbose_name = "Accounts, clinics and API tokens"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_logged_out

        from backcare.accounts.signing_in import (
            claim_on_sign_in,
            forget_session,
            remember_session,
        )

        user_logged_in.connect(claim_on_sign_in, dispatch_uid="backcare-claim-device")
        user_logged_in.connect(remember_session, dispatch_uid="backcare-remember-session")
        user_logged_out.connect(forget_session, dispatch_uid="backcare-forget-session")
