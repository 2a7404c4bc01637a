"""App configuration for exercises, home programs and PDF handouts."""

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Exercises and home programs"

    def ready(self) -> None:
        from PIL import Image

        from reports.models import PICTURE_MAX_PIXELS

        # Pillow refuses to open anything past twice this (a decompression bomb) anywhere.
        Image.MAX_IMAGE_PIXELS = PICTURE_MAX_PIXELS
