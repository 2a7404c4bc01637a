"""App configuration for exercises, home programs and PDF handouts."""

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Exercises and home programs"
