"""Times the handout and report renderers against bare reportlab documents of the same content."""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable, Iterable
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate

from reports.pdf import knee_wording as k
from reports.pdf import wording as w
from reports.pdf.data import HandoutData, ReportData
from reports.pdf.handout import render_handout
from reports.pdf.report import render_report
from reports.pdf.samples import sample_handout, sample_report
from reports.pdf.styles import REGULAR, register_fonts
from reports.pdf.understanding import load_topics

ROUNDS = 40
HANDOUT_TARGET_MS = 50.0
MAX_RATIO = 2.0


def _bare_pdf(texts: Iterable[str], font: str = "") -> bytes:
    """The same words as plain Paragraphs in reportlab's default font: the baseline. With
    `font`, the same in that (embedded) font: what embedding and subsetting alone cost."""
    style = getSampleStyleSheet()["Normal"]
    if font:
        register_fonts()
        style = ParagraphStyle("same_font", parent=style, fontName=font)
    buffer = BytesIO()
    story = [Paragraph(text.replace("&", "&amp;").replace("<", "&lt;"), style)
             for text in texts]  # fmt: skip
    SimpleDocTemplate(buffer, invariant=True).build(story)
    return buffer.getvalue()


def _handout_texts(data: HandoutData) -> list[str]:
    """Every text the handout prints, one plain paragraph each (a log row as one line)."""
    clinic = data.clinic
    texts = [clinic.name, f"{clinic.address} {clinic.phone} {clinic.email}", w.HANDOUT_TITLE]
    texts += [f"{w.NAME_LABEL} {data.patient_name}", f"{w.DATE_LABEL} {data.assessment_date}"]
    texts += [f"{w.CLINICIAN_LABEL} {data.clinician_name}", w.STOP_TITLE, *w.STOP_SIGNS]
    texts += [f"{w.CALL_LABEL} {clinic.name} {clinic.phone}", w.EMERGENCY_TITLE]
    texts += [*w.EMERGENCY_SIGNS, w.EMERGENCY_OUT_OF_HOURS, w.FOUND_HEADING]
    texts += [f"{finding.title}: {finding.patient_text}" for finding in data.findings]
    texts += _understanding_texts(data)
    texts += [w.EXERCISES_HEADING, *w.EXERCISES_INTRO]
    for exercise in data.exercises:
        texts += [exercise.name, *exercise.steps, f"{w.DOSAGE_LABEL} {exercise.dosage_text}"]
        texts += [f"{w.CUE_LABEL} {exercise.cue}", f"{w.WHY_LABEL} {exercise.why}"]
    weeks = k.weeks_words(data.weeks_until_next_visit)
    texts += [k.LOG_HEADING.format(weeks=weeks), k.LOG_INTRO, w.LOG_EXERCISE_LABEL]
    texts.append(" ".join(k.LOG_WEEK.format(number=n) for n in range(1, 7)))
    texts += [exercise.name for exercise in data.exercises]
    texts += [*k.EXPECT_TEXTS, k.NEXT_VISIT.format(weeks=weeks)]
    return [*texts, w.SUPPORT_LINE]


def _understanding_texts(data: HandoutData) -> list[str]:
    if not data.show_understanding_page:
        return [w.PAIN_RULE_HEADING, *w.PAIN_RULE]
    texts = [k.UNDERSTANDING_HEADING, f"{k.MEANING_LABEL} {k.MEANING_FOUND}"]
    texts += [f"{k.PAIN_LABEL} {k.PAIN_TEXTS[0]}", *k.PAIN_TEXTS[1:]]
    texts += [f"{k.WEEKS_LABEL} {k.WEEKS_TEXT}", f"{k.LOAD_LABEL} {k.LOAD_INTRO}"]
    texts += [" ".join(k.LOAD_ADVICE[topic]) for topic in load_topics(data.load)]
    return [*texts, f"{k.SAFETY_LABEL} {k.SAFETY_TEXTS[0]}"]


def _report_texts(data: ReportData) -> list[str]:
    """The report's words as plain paragraphs (the baseline has no tables or charts)."""
    texts = [data.clinic.name, data.patient.name, data.assessment.clinician]
    texts += [f"{m.label} {m.left} {m.right} {m.unit} {m.method}" for m in data.measurements]
    texts += [f"{m.label} {m.side} {m.value} {m.unit} {m.threshold}" for m in data.metrics]
    texts += [f"{f.title} {f.explanation} {f.reference}" for f in data.findings]
    return texts


def _ms(render: Callable[[], bytes]) -> float:
    start = time.perf_counter()
    render()
    return (time.perf_counter() - start) * 1000


def _compare(ours: Callable[[], bytes], bare: Callable[[], bytes]) -> tuple[float, float]:
    """Median milliseconds of each, interleaved so that machine noise hits both alike."""
    ours(), bare()  # warm up: font registration, stylesheet, imports
    pairs = [(_ms(ours), _ms(bare)) for _ in range(ROUNDS)]
    return statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)


def _line(name: str, ours: float, bare: float) -> str:
    return f"pdf: {name} {ours:.1f} ms (bare baseline {bare:.1f} ms, {ours / bare:.1f}x)"


def main() -> int:
    handout, report = sample_handout(), sample_report()
    handout_texts, report_texts = _handout_texts(handout), _report_texts(report)
    h_ms, h_bare = _compare(lambda: render_handout(handout), lambda: _bare_pdf(handout_texts))
    r_ms, r_bare = _compare(lambda: render_report(report), lambda: _bare_pdf(report_texts))
    f_ms, f_bare = _compare(
        lambda: render_handout(handout), lambda: _bare_pdf(handout_texts, REGULAR)
    )
    print(f"pdf: typical handout = {len(handout.findings)} findings, "
          f"{len(handout.exercises)} exercises; median of {ROUNDS} runs")  # fmt: skip
    print(_line("handout", h_ms, h_bare))
    print(_line("report", r_ms, r_bare))
    print(f"pdf: handout {f_ms:.1f} ms (bare baseline in the same embedded DejaVu Sans "
          f"{f_bare:.1f} ms, {f_ms / f_bare:.1f}x; for information)")  # fmt: skip
    met = h_ms < HANDOUT_TARGET_MS and h_ms / h_bare <= MAX_RATIO
    print(f"pdf: handout target (< {HANDOUT_TARGET_MS:.0f} ms, <= {MAX_RATIO:.0f}x bare): "
          f"{'met' if met else 'NOT met'}")  # fmt: skip
    return 0  # a benchmark prints numbers; it does not fail the build


if __name__ == "__main__":
    raise SystemExit(main())
