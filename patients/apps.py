"""App configuration for clinics and patients."""

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save, pre_save


class PatientsConfig(AppConfig):
    name = "patients"
    verbose_name = "Clinics and patients"

    def ready(self) -> None:
        from django.contrib.auth import get_user_model

        from patients.models import Membership
        from patients.permissions import sync_clinician_group
        from patients.request_memberships import forget_memberships
        from patients.sign_in import revoke_tokens_on_password_change

        post_migrate.connect(sync_clinician_group, dispatch_uid="sync_clinician_group")
        pre_save.connect(
            revoke_tokens_on_password_change,
            sender=get_user_model(),
            dispatch_uid="revoke_tokens_on_password_change",
        )

        # A membership written mid-request: the request's later right checks read it anew.
        for signal in (post_save, post_delete):
            signal.connect(forget_memberships, sender=Membership, dispatch_uid="forget_memberships")

        from patients.signals_auth import connect

        connect()
