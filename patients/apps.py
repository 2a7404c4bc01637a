"""App configuration for clinics and patients."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PatientsConfig(AppConfig):
    name = "patients"
    verbose_name = "Clinics and patients"

    def ready(self) -> None:
        from patients.permissions import sync_clinician_group

        post_migrate.connect(sync_clinician_group, dispatch_uid="sync_clinician_group")

        from patients.signals_auth import connect

        connect()
