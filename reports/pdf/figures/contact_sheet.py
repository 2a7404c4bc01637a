"""Every exercise drawing on one labelled PNG: python -m reports.pdf.figures.contact_sheet OUT"""

from __future__ import annotations

import sys
from pathlib import Path

from reportlab.graphics.shapes import Drawing, Group, Rect, String

from reports.pdf.figures import POSES, PRINT_WIDTH_PT, exercise_drawing, png_bytes
from reports.pdf.styles import BOLD, INK, REGULAR, register_fonts

COLUMNS = 4
ZOOM = 2.0  # pixels per point: the sheet is drawn at 144 dpi
WIDTH = PRINT_WIDTH_PT * ZOOM
CELL_WIDTH = WIDTH + 24 * ZOOM
LABEL = 22.0 * ZOOM


def _cell(code: str) -> tuple[Group, float]:
    """One drawing at print size, drawn at the sheet's zoom (the rasteriser does not scale
    line widths), under its name and code."""
    drawing = exercise_drawing(code, WIDTH)
    group = Group()
    for shape in drawing.contents:
        group.add(shape)
    name = String(0, drawing.height + 12 * ZOOM, POSES[code].name, fontName=BOLD,
                  fontSize=7.5 * ZOOM, fillColor=INK)  # fmt: skip
    group.add(name)
    group.add(String(0, drawing.height + 3 * ZOOM, code, fontName=REGULAR, fontSize=6 * ZOOM,
                     fillColor=INK))  # fmt: skip
    return group, drawing.height + LABEL


def contact_sheet(codes: list[str] | None = None) -> Drawing:
    """A grid of drawings at print size (5 cm wide), each headed by its name and code."""
    register_fonts()
    cells = [_cell(code) for code in (codes or list(POSES))]
    rows = [cells[i : i + COLUMNS] for i in range(0, len(cells), COLUMNS)]
    heights = [max(h for _, h in row) + 14 * ZOOM for row in rows]
    sheet = Drawing(COLUMNS * CELL_WIDTH + 12 * ZOOM, sum(heights) + 12 * ZOOM)
    sheet.add(Rect(0, 0, sheet.width, sheet.height, fillColor=None, strokeColor=None))
    top = sheet.height - 6 * ZOOM
    for row, height in zip(rows, heights, strict=True):
        top -= height
        for column, (group, cell_height) in enumerate(row):
            group.translate(12 * ZOOM + column * CELL_WIDTH, top + height - cell_height - 4 * ZOOM)
            sheet.add(group)
    return sheet


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print("usage: python -m reports.pdf.figures.contact_sheet OUT.png [code ...]")
        return 2
    png = png_bytes(contact_sheet(argv[2:] or None))
    Path(argv[1]).write_bytes(png)
    print(f"{argv[1]}: {len(argv[2:]) or len(POSES)} drawings")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
