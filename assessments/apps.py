"""App configuration for assessments and findings."""

from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = "Assessments"

    def ready(self) -> None:
        from patients.signals import patient_clinical_data_changed

        patient_clinical_data_changed.connect(
            _recompute_drafts, dispatch_uid="assessments_recompute_drafts"
        )


def _recompute_drafts(sender, patient, actor=None, channel: str = "api", **kwargs) -> None:
    from assessments.services import drafts_recompute_for_patient

    drafts_recompute_for_patient(patient=patient, actor=actor, channel=channel)
