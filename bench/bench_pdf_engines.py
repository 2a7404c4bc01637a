"""The handout three ways, interleaved: ours, a bare reportlab document, and WeasyPrint.

WeasyPrint gets the same words in the same layout as HTML (the same embedded DejaVu Sans,
the stop box, one block per exercise kept on a page, the tick-box log). It is installed only
by the `bench` extra (`make bench`), never in the app or the dev tools.
"""

from __future__ import annotations

import base64
import statistics
import sys
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_pdf import _bare_pdf, _handout_texts, _ms, _understanding_texts
from reports.pdf import knee_wording as k
from reports.pdf import wording as w
from reports.pdf.data import HandoutData
from reports.pdf.figures import drawing_svg
from reports.pdf.handout import render_handout
from reports.pdf.samples import sample_handout

ROUNDS = 15
FONTS = Path(__file__).resolve().parent.parent / "reports" / "pdf" / "fonts"
TARGET_SPEEDUP = 10.0  # issue 13: at least 10x faster than WeasyPrint
CSS = f"""
@font-face {{ font-family: DejaVu; src: url("{(FONTS / "DejaVuSans.ttf").as_uri()}"); }}
@font-face {{ font-family: DejaVu; font-weight: bold;
             src: url("{(FONTS / "DejaVuSans-Bold.ttf").as_uri()}"); }}
@page {{ size: A4; margin: 18mm; }}
body {{ font-family: DejaVu; font-size: 13pt; line-height: 1.35; }}
.stop {{ border: 2pt solid #b00; padding: 6pt; }}
.exercise {{ break-inside: avoid; border-top: 1pt solid #999; }}
.figure {{ float: left; width: 48mm; margin-right: 4mm; }}
table {{ border-collapse: collapse; width: 100%; break-before: page; }}
td, th {{ border: 1pt solid #444; padding: 4pt; }}
"""


def _p(text: str, tag: str = "p") -> str:
    return f"<{tag}>{escape(text)}</{tag}>"


def _exercise_html(exercise) -> str:
    steps = "".join(_p(step, "li") for step in exercise.steps)
    svg = base64.b64encode(drawing_svg(exercise.code)).decode() if exercise.code else ""
    picture = f'<img class="figure" src="data:image/svg+xml;base64,{svg}">' if svg else ""
    return (
        f'<div class="exercise">{_p(exercise.name, "h3")}{picture}<ol>{steps}</ol>'
        f"{_p(f'{w.DOSAGE_LABEL} {exercise.dosage_text}')}{_p(f'{w.CUE_LABEL} {exercise.cue}')}"
        f"{_p(f'{w.WHY_LABEL} {exercise.why or w.GENERAL_EXERCISE_NOTE}')}</div>"
    )


def _log_html(data: HandoutData) -> str:
    """The tick log: a row per exercise, a column per week, a box per planned day."""
    weeks = range(1, data.weeks_until_next_visit + 1)
    head = "".join(_p(k.LOG_WEEK.format(number=n), "th") for n in weeks)
    rows = "".join(
        f"<tr>{_p(e.name, 'td')}{('<td>' + '&#9744;' * e.per_week + '</td>') * len(weeks)}</tr>"
        for e in data.exercises
    )
    spell = k.weeks_words(data.weeks_until_next_visit)
    log = f"<table><tr>{_p(w.LOG_EXERCISE_LABEL, 'th')}{head}</tr>{rows}</table>"
    closing = "".join(_p(t) for t in k.EXPECT_TEXTS) + _p(k.NEXT_VISIT.format(weeks=spell))
    return _p(k.LOG_HEADING.format(weeks=spell), "h2") + _p(k.LOG_INTRO) + log + closing


def handout_html(data: HandoutData) -> str:
    """The handout's words in the handout's layout, as an HTML page."""
    clinic = data.clinic
    head = _p(clinic.name, "h2") + _p(f"{clinic.address} · {clinic.phone} · {clinic.email}")
    head += _p(w.HANDOUT_TITLE, "h1") + _p(f"{w.NAME_LABEL} {data.patient_name}")
    head += _p(f"{w.DATE_LABEL} {data.assessment_date}")
    head += _p(f"{w.CLINICIAN_LABEL} {data.clinician_name}")
    signs = "".join(_p(sign, "li") for sign in w.STOP_SIGNS)
    stop = f'<div class="stop">{_p(w.STOP_TITLE, "h2")}<ul>{signs}</ul>'
    stop += _p(f"{w.CALL_LABEL} {clinic.name} {clinic.phone}") + "</div>"
    found = _p(w.FOUND_HEADING, "h2")
    found += "".join(_p(f"{f.title}: {f.patient_text}", "li") for f in data.findings)
    understanding = "".join(_p(text) for text in _understanding_texts(data))
    exercises = _p(w.EXERCISES_HEADING, "h2") + "".join(_p(t) for t in w.EXERCISES_INTRO)
    exercises += "".join(_exercise_html(e) for e in data.exercises)
    body = head + stop + found + understanding + exercises + _log_html(data)
    body += _p(w.SUPPORT_LINE)
    return f"<html><head><style>{CSS}</style></head><body>{body}</body></html>"


def main() -> int:
    try:
        import weasyprint
    except ImportError:
        print("pdf engines: skipped (WeasyPrint comes with the bench extra: make bench)")
        return 0
    data = sample_handout()
    texts, html = _handout_texts(data), handout_html(data)
    runs = {
        "ours": lambda: render_handout(data),
        "bare": lambda: _bare_pdf(texts),
        "weasyprint": lambda: weasyprint.HTML(string=html).write_pdf(),
    }
    for run in runs.values():
        run()  # warm up: fonts, stylesheets, imports
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(ROUNDS):
        for name, run in runs.items():
            times[name].append(_ms(run))
    ours, bare, weasy = (statistics.median(times[name]) for name in runs)
    print(f"pdf engines: the typical handout, median of {ROUNDS} interleaved runs")
    print(
        f"pdf engines: ours {ours:.1f} ms (bare reportlab baseline {bare:.1f} ms, "
        f"{ours / bare:.1f}x; WeasyPrint {weasy:.1f} ms, ours {weasy / ours:.1f}x faster)"
    )
    met = ours / bare <= 2.0 and weasy / ours >= TARGET_SPEEDUP
    print(
        f"pdf engines: target (<= 2x bare, >= {TARGET_SPEEDUP:.0f}x faster than WeasyPrint): "
        f"{'met' if met else 'NOT met'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
