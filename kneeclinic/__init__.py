"""The project package: settings, URLs, the API router and the Celery application."""

from kneeclinic.celery import app as celery_app

__all__ = ["celery_app"]
