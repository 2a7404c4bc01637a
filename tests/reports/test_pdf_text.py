"""The paragraph helper: a bold label before plain text, printed as one line a reader reads."""

from __future__ import annotations

import io

from pypdf import PdfReader
from reportlab.platypus import SimpleDocTemplate

from reports.pdf.styles import BOLD, REGULAR, register_fonts
from reports.pdf.text import para

LONG = " ".join(["Bend your knee slowly and keep it over your toes."] * 12)


def _pdf(*flowables) -> PdfReader:
    register_fonts()
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, invariant=True, initialFontName=REGULAR).build(list(flowables))
    return PdfReader(buffer)


def _fonts(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return names


def test_a_label_and_its_text_read_as_one_line():
    reader = _pdf(para("3 sets of 10 & rest <1 minute>", "h_item", label="How much:"))
    assert reader.pages[0].extract_text().strip() == "How much: 3 sets of 10 & rest <1 minute>"


def test_the_label_is_bold_and_the_text_regular():
    assert _fonts(_pdf(para("3 sets of 10", "h_item", label="How much:"))) == {REGULAR, BOLD}
    assert _fonts(_pdf(para("3 sets of 10", "h_item"))) == {REGULAR}


def test_a_bullet_comes_before_the_label():
    reader = _pdf(para("Your hip is weaker.", "h_finding", label="Weaker hip:", bullet="•"))
    assert reader.pages[0].extract_text().strip() == "• Weaker hip: Your hip is weaker."


def test_the_first_line_leaves_room_for_the_label():
    """The same words break one line earlier on the first line when a long label comes first."""
    words = " ".join(["word"] * 200)
    plain, labelled = para(words, "h_item"), para(words, "h_item", label="A label of six words:")
    plain.wrap(300, 1000)
    labelled.wrap(300, 1000)
    first_plain, first_labelled = plain.blPara.lines[0][1], labelled.blPara.lines[0][1]
    assert len(first_labelled) < len(first_plain)
    assert len(labelled.blPara.lines[1][1]) == len(plain.blPara.lines[1][1])


def test_a_split_paragraph_keeps_the_label_on_its_first_part_only():
    paragraph = para(LONG, "h_item", label="Keep in mind:")
    paragraph.wrap(300, 1000)
    first, second = paragraph.split(300, 60)
    assert first.label == "Keep in mind:"
    assert second.label == ""
    assert second.style.firstLineIndent == 0
    reader = _pdf(para(LONG * 6, "h_item", label="Keep in mind:"))
    assert reader.pages[0].extract_text().startswith("Keep in mind: Bend your knee")
    assert "Keep in mind:" not in reader.pages[1].extract_text()


def test_text_with_line_breaks_keeps_its_label_and_both_lines():
    reader = _pdf(para("Line one\nLine two", "h_item", label="Notes:"))
    assert reader.pages[0].extract_text().strip().split("\n") == ["Notes: Line one", "Line two"]
