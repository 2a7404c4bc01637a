"""The one helper that turns text into Paragraphs: every piece of text is escaped here."""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from reportlab.platypus import Paragraph

from reports.pdf.styles import stylesheet

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class _Paragraph(Paragraph):
    """A Paragraph that reuses its line breaks when wrapped again at the same width.

    KeepTogether wraps its content once to measure it and the frame wraps it again to place
    it; breaking lines is the most expensive step of a render, so the second time is free.
    """

    _wrapped: tuple[float, object, float, list[float]] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        cached = self._wrapped
        if cached is not None and cached[0] == availWidth:
            self.width, self.blPara, self.height, self._wrapWidths = cached
            return self.width, self.height
        width, height = super().wrap(availWidth, availHeight)
        if hasattr(self, "blPara") and width == availWidth:
            self._wrapped = (availWidth, self.blPara, height, self._wrapWidths)
        return width, height


def markup(text: str) -> str:
    """Text as literal reportlab markup: &, < and > escaped, line breaks kept."""
    cleaned = _CONTROL.sub(" ", text.replace("\r\n", "\n"))
    return escape(cleaned).replace("\n", "<br/>")


def para(text: str, style: str, *, label: str = "", bullet: str = "") -> Paragraph:
    """A Paragraph of plain text in a named style, with an optional bold label or bullet."""
    body = markup(text)
    if label:
        body = f"<b>{markup(label)}</b> {body}"
    return _Paragraph(body, stylesheet()[style], bulletText=markup(bullet) if bullet else None)
