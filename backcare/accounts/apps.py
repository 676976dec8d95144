from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "backcare.accounts"
    label = "accounts"
    verbose_name = "Accounts, clinics and API tokens"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from backcare.accounts.signing_in import claim_on_sign_in

        user_logged_in.connect(claim_on_sign_in, dispatch_uid="backcare-claim-device")
