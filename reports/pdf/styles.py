"""Shipped DejaVu Sans fonts, colours and the one cached stylesheet of both PDFs."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import TableStyle

from reports.pdf.data import PageSize

FONT_DIR = Path(__file__).parent / "fonts"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"

INK = colors.HexColor("#1a1a1a")
ACCENT = colors.HexColor("#1f4e79")
SOFT = colors.HexColor("#e8eef5")
WARN = colors.HexColor("#9c2a00")
WARN_SOFT = colors.HexColor("#fdf0e8")
RULE = colors.HexColor("#8a8a8a")
LEFT_COLOUR = colors.HexColor("#2166ac")
RIGHT_COLOUR = colors.HexColor("#e08214")

PAGE_SIZES: dict[str, tuple[float, float]] = {"A4": A4, "LETTER": LETTER}


def page_size(name: PageSize) -> tuple[float, float]:
    """The page size in points; an unknown name is an error, not a silent A4."""
    try:
        return PAGE_SIZES[name]
    except KeyError:
        raise ValueError(f"page_size must be one of {sorted(PAGE_SIZES)}, not {name!r}") from None


@cache
def register_fonts() -> None:
    """Register the shipped TTFs once per process (parsing them is the slow part).

    Also turns off reportlab's ASCII85 stream encoding, process-wide and for good: binary
    (Flate-only) streams are valid, smaller and faster to write, and setting it once, never
    toggling it, keeps renders byte-identical even across threads.
    """
    rl_config.useA85 = 0
    pdfmetrics.registerFont(TTFont(REGULAR, str(FONT_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
    )


def _style(name: str, size: float, *, bold: bool = False, **extra: object) -> ParagraphStyle:
    options: dict[str, object] = {"leading": round(size * 1.35, 1), "textColor": INK}
    options.update(extra)
    return ParagraphStyle(name, fontName=BOLD if bold else REGULAR, fontSize=size, **options)


def _handout_styles() -> dict[str, ParagraphStyle]:
    return {
        "h_clinic": _style("h_clinic", 20, bold=True, textColor=ACCENT, leading=24),
        "h_contact": _style("h_contact", 12, textColor=INK),
        "h_title": _style("h_title", 22, bold=True, spaceBefore=6, spaceAfter=6, leading=26),
        "h_heading": _style(
            "h_heading", 18, bold=True, textColor=ACCENT, spaceBefore=14, spaceAfter=6
        ),
        "h_exercise": _style("h_exercise", 16, bold=True, spaceBefore=4, spaceAfter=4),
        "h_body": _style("h_body", 13, spaceAfter=6),
        "h_step": _style(
            "h_step",
            12,
            leading=14.8,
            spaceAfter=2,
            leftIndent=18,
            bulletFontName=BOLD,
            bulletFontSize=12,
        ),
        "h_item": _style("h_item", 12, leading=14.8, spaceAfter=3),
        "h_finding": _style(
            "h_finding",
            12,
            leading=14.8,
            spaceAfter=3,
            leftIndent=14,
            bulletFontName=BOLD,
            bulletFontSize=12,
        ),
        "h_label": _style("h_label", 13, bold=True),
        "h_notice": _style("h_notice", 12.5, leading=15.5, spaceAfter=3),
        "h_notice_item": _style(
            "h_notice_item",
            12.5,
            leading=15.5,
            spaceAfter=1,
            leftIndent=13,
            bulletFontName=BOLD,
            bulletFontSize=12.5,
        ),
        "h_notice_title": _style("h_notice_title", 14, bold=True, textColor=WARN, spaceAfter=4),
        # The referral notice is the whole handout: it keeps the larger type.
        "h_referral": _style("h_referral", 14, spaceAfter=6),
        "h_referral_item": _style(
            "h_referral_item",
            14,
            spaceAfter=3,
            leftIndent=18,
            bulletFontName=BOLD,
            bulletFontSize=14,
        ),
        "h_referral_title": _style("h_referral_title", 17, bold=True, textColor=WARN, spaceAfter=6),
        "h_cell": _style("h_cell", 12, leading=14),
        "h_cell_bold": _style("h_cell_bold", 12, bold=True, leading=15),
    }


def _report_styles() -> dict[str, ParagraphStyle]:
    return {
        "r_clinic": _style("r_clinic", 14, bold=True, textColor=ACCENT),
        "r_title": _style("r_title", 17, bold=True, spaceBefore=4, spaceAfter=6),
        "r_heading": _style(
            "r_heading",
            12.5,
            bold=True,
            textColor=ACCENT,
            spaceBefore=12,
            spaceAfter=5,
            keepWithNext=1,
        ),
        "r_subheading": _style("r_subheading", 10.5, bold=True, spaceBefore=4, spaceAfter=2),
        "r_body": _style("r_body", 9.5, spaceAfter=3),
        "r_small": _style("r_small", 8.5, textColor=colors.HexColor("#444444"), spaceAfter=3),
        "r_cell": _style("r_cell", 9, leading=11.5),
        "r_cell_bold": _style("r_cell_bold", 9, bold=True, leading=11.5),
        "r_cell_flag": _style("r_cell_flag", 9, bold=True, leading=11.5, textColor=WARN),
    }


@cache
def stylesheet() -> dict[str, ParagraphStyle]:
    """Every paragraph style by name; built once (fonts registered first)."""
    register_fonts()
    return {**_handout_styles(), **_report_styles()}


def table_style(*commands: tuple[object, ...]) -> TableStyle:
    """A TableStyle in the shipped font, so no unembedded base font is ever referenced."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR), *commands])
