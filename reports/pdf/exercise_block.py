"""One exercise of the handout: its drawing (or the clinic's picture) beside its steps, dosage,
cue and why, sized so that two of them fit on a page."""

from __future__ import annotations

from functools import cache
from io import BytesIO

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, HRFlowable, Image, Spacer

from reports.pdf import wording as w
from reports.pdf.data import HandoutExercise
from reports.pdf.document import FixedTable
from reports.pdf.figures import PRINT_WIDTH_PT, exercise_drawing, has_drawing
from reports.pdf.styles import REGULAR, RULE, register_fonts, table_style
from reports.pdf.text import para

FIGURE_BOX = (136.0, 140.0)  # the widest and tallest a drawing or picture prints, in points
FIGURE_GAP = 12.0  # between the picture column and the text
FORM_PREFIX = "ExerciseDrawing_"  # each drawing is one form XObject per document, named by code


@cache
def _drawing(code: str) -> Drawing:
    """The drawing at its reference width, built once per process (it is pure geometry).

    Its font is the shipped one: the drawing has no text, but reportlab's renderer selects
    the drawing's font anyway, and the default (Times-Roman) would be an unembedded font."""
    drawing = exercise_drawing(code, PRINT_WIDTH_PT)
    drawing.initialFontName = REGULAR
    return drawing


@cache
def _form_operators(code: str, scale: float) -> str:
    """The drawing's PDF operators at `scale`, rendered once per process.

    reportlab's drawing renderer walks thousands of shape nodes per drawing, a third of a
    handout's render; the operators it writes are plain paths and colours that need no page
    resources (no font, image or graphics state), so the same text serves every document.
    """
    register_fonts()  # the renderer selects the drawing's (shipped) font, though it writes none
    scratch = Canvas(BytesIO(), invariant=True)
    scratch.beginForm("scratch")
    scratch.scale(scale, scale)
    renderPDF.draw(_drawing(code), scratch, 0, 0)
    return "\n".join(scratch._code)  # the form's operators so far (no public reader)


class ExerciseFigure(Flowable):
    """An exercise's drawing, scaled into FIGURE_BOX and drawn as a named form XObject.

    The form is written once per document and shown with one `Do`, so the PDF says which
    exercise's drawing each page shows (the tests read it back) and a repeated exercise costs
    nothing more.
    """

    def __init__(self, code: str):
        super().__init__()
        self.code = code
        drawing = _drawing(code)
        self.scale = min(FIGURE_BOX[0] / drawing.width, FIGURE_BOX[1] / drawing.height)
        self.width = drawing.width * self.scale
        self.height = drawing.height * self.scale

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        name = FORM_PREFIX + self.code
        if not canvas.hasForm(name):
            canvas.beginForm(name, 0, 0, self.width, self.height)
            canvas.addLiteral(_form_operators(self.code, self.scale))
            canvas.endForm()
        canvas.doForm(name)


def _picture(picture: bytes) -> Image:
    image = Image(BytesIO(picture))
    scale = min(FIGURE_BOX[0] / image.imageWidth, FIGURE_BOX[1] / image.imageHeight, 1)
    image.drawWidth = image.imageWidth * scale
    image.drawHeight = image.imageHeight * scale
    image.hAlign = "LEFT"
    return image


def figure_of(exercise: HandoutExercise) -> Flowable | None:
    """The clinic's uploaded picture, else the shipped drawing of its code, else nothing."""
    if exercise.picture:
        return _picture(exercise.picture)
    if exercise.code and has_drawing(exercise.code):
        return ExerciseFigure(exercise.code)
    return None


def _texts(number: int, exercise: HandoutExercise, note: str) -> list[Flowable]:
    steps = [para(step, "h_step", bullet=f"{n}.") for n, step in enumerate(exercise.steps, 1)]
    return [
        *steps,
        Spacer(1, 3),
        para(exercise.dosage_text, "h_item", label=w.DOSAGE_LABEL),
        para(exercise.cue, "h_item", label=w.CUE_LABEL),
        para(exercise.why or note, "h_item", label=w.WHY_LABEL),
    ]


def exercise_block(
    number: int, exercise: HandoutExercise, note: str, width: float
) -> list[Flowable]:
    """Name, then the figure beside the texts (the texts alone when there is no figure)."""
    name = f"{number}. {exercise.name}"
    if exercise.side:
        name = f"{name}  \N{EN DASH}  {w.SIDE_WORDS[exercise.side]}"
    texts = _texts(number, exercise, note)
    figure = figure_of(exercise)
    body: list[Flowable] = texts
    if figure is not None:
        columns = (FIGURE_BOX[0] + FIGURE_GAP, width - FIGURE_BOX[0] - FIGURE_GAP)
        table = FixedTable([[figure, texts]], colWidths=columns, hAlign="LEFT")
        table.setStyle(table_style(*[
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]))  # fmt: skip
        body = [table]
    rule = HRFlowable(width="100%", thickness=0.5, color=RULE, spaceBefore=4, spaceAfter=6)
    return [para(name, "h_exercise"), *body, rule]
