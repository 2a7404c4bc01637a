"""Exercise pictures over 40 megapixels are refused before a pixel is decoded."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from reports.models import PICTURE_MAX_PIXELS, scaled_picture, validate_picture_is_image


def png(width: int, height: int) -> SimpleUploadedFile:
    """A one-bit PNG: a few KB on disk however many pixels it states."""
    buffer = io.BytesIO()
    Image.new("1", (width, height)).save(buffer, format="PNG")
    return SimpleUploadedFile("big.png", buffer.getvalue(), content_type="image/png")


def test_40_megapixels_is_the_limit():
    assert PICTURE_MAX_PIXELS == 40_000_000
    assert Image.MAX_IMAGE_PIXELS == 40_000_000  # Pillow refuses bombs past twice this


def test_picture_over_40_megapixels_is_refused_with_its_size(monkeypatch):
    upload = png(8000, 5001)  # 40,008,000 pixels
    assert upload.size < 100_000
    decoded = []
    monkeypatch.setattr(Image.Image, "load", lambda self: decoded.append(self))
    with pytest.raises(ValidationError) as caught:
        validate_picture_is_image(upload)
    assert "8000 x 5001 pixels" in caught.value.messages[0]
    assert "40 megapixels" in caught.value.messages[0]
    assert decoded == []  # refused from the header alone


def test_12000_by_12000_picture_is_refused_not_decoded():
    with pytest.raises(ValidationError) as caught:
        validate_picture_is_image(png(12000, 12000))
    assert "40 megapixels" in caught.value.messages[0]


def test_scaling_refuses_a_huge_picture_before_loading_it():
    with pytest.raises(ValidationError):
        scaled_picture(png(8000, 5001))


def test_picture_of_exactly_40_megapixels_is_accepted():
    validate_picture_is_image(png(8000, 5000))
