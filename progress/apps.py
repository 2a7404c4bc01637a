"""App configuration for patient-reported outcome measures and progress between visits."""

from django.apps import AppConfig


class ProgressConfig(AppConfig):
    name = "progress"
    verbose_name = "Progress and outcome measures"
