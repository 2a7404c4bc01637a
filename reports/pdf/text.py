"""The one helper that turns text into Paragraphs: every piece of text is escaped here."""

from __future__ import annotations

import re
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Paragraph

from reports.pdf.styles import BOLD, REGULAR, stylesheet

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


class _LabelledParagraph(_Paragraph):
    """Plain text after a bold label, with the text as one run in one font.

    Written as `<b>label</b> text`, the paragraph has two runs and reportlab breaks and draws
    it word by word through its mixed-font path, several times slower than a one-font
    paragraph (a third of a handout's render). Here the text is a one-font paragraph whose
    first line starts after the label (firstLineIndent), and the label is drawn there in bold.
    """

    label = ""
    label_x = 0.0  # from the left indent, where the mixed-font paragraph would start its text

    def split(self, availWidth: float, availHeight: float) -> list[Paragraph]:  # noqa: N803
        parts: list[Paragraph] = super().split(availWidth, availHeight)
        if len(parts) == 2:  # the label stays on the first part; the second has no indent
            parts[0].label, parts[0].label_x = self.label, self.label_x
            parts[1].label = ""
        return parts

    def beginText(self, x: float, y: float) -> PDFTextObject:  # noqa: N802
        """The paragraph's text object (first line at x, y) with the label already written,
        so that the label and its text are one text run, as a reader extracts them."""
        text = super().beginText(x, y)
        if self.label:
            text.setFont(BOLD, self.style.fontSize)
            if self.label_x:
                text.setXPos(self.label_x)
            text.textOut(self.label)
            if self.label_x:
                text.setXPos(-self.label_x)
        return text


def _bullet_overrun(style: ParagraphStyle, bullet: str) -> float:
    """How far a bullet pushes the first line's text right (as reportlab's _drawBullet does)."""
    if not bullet:
        return 0.0
    width = stringWidth(bullet, style.bulletFontName, style.bulletFontSize)
    end = style.bulletIndent + width + 0.6 * style.bulletFontSize
    return max(0.0, float(end - style.leftIndent))


@lru_cache(maxsize=512)
def _labelled_style(style_name: str, label: str, bullet: str) -> tuple[ParagraphStyle, float]:
    """The style with its first line indented past the label, and where the label starts."""
    style = stylesheet()[style_name]
    label_x = _bullet_overrun(style, bullet)
    indent = label_x + stringWidth(f"{label} ", BOLD, style.fontSize)
    return ParagraphStyle(f"{style_name}_labelled", parent=style, firstLineIndent=indent), label_x


def markup(text: str) -> str:
    """Text as literal reportlab markup: &, < and > escaped, line breaks kept."""
    cleaned = _CONTROL.sub(" ", text.replace("\r\n", "\n"))
    return escape(cleaned).replace("\n", "<br/>")


def para(text: str, style: str, *, label: str = "", bullet: str = "") -> Paragraph:
    """A Paragraph of plain text in a named style, with an optional bold label or bullet."""
    body = markup(text)
    bullet_text = markup(bullet) if bullet else None
    base = stylesheet()[style]
    label = _CONTROL.sub(" ", label.replace("\n", " "))
    if label and "<br/>" not in body and body.strip() and base.fontName == REGULAR:
        labelled_style, label_x = _labelled_style(style, label, bullet)
        paragraph = _LabelledParagraph(body, labelled_style, bulletText=bullet_text)
        paragraph.label, paragraph.label_x = label, label_x
        return paragraph
    if label:
        body = f"<b>{markup(label)}</b> {body}"
    return _Paragraph(body, base, bulletText=bullet_text)
