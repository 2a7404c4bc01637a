"""The referral letter PDF for the patient's doctor: who, why (the flags and their tier), the
assessment in brief, how to reach the clinician, and room for the doctor's reply."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, KeepTogether, Spacer, Table

from reports.pdf.data import BriefFinding, MeasurementRow, ReferralLetterData
from reports.pdf.document import DocumentSpec, build_pdf, content_width, long_date
from reports.pdf.format import DASH, value_text, words
from reports.pdf.styles import ACCENT, RULE, SOFT, WARN, WARN_SOFT, table_style
from reports.pdf.text import para

LETTER_TITLE = "Referral for medical assessment"
URGENCY = {
    "emergency": "EMERGENCY: please assess today (emergency department)",
    "urgent": "URGENT: please assess within a few days, before any exercise",
    "routine": "ROUTINE: please review before the patient starts an exercise program",
}
REPLY_LINES = (
    "Seen on (date):",
    "Findings and diagnosis:",
    "",
    "Advice to the physiotherapist:",
    "",
    "Cleared for exercise:   yes  /  no  /  with these limits:",
    "Name, signature and contact:",
)


def render_referral(data: ReferralLetterData) -> bytes:
    """The referral letter as PDF bytes."""
    spec = _spec(data)
    width = content_width(spec)
    story = [
        *_header(data),
        _urgency(data, width),
        *_patient(data, width),
        *_flags(data),
        *_findings(data.findings),
        *_measurements(data.measurements, width),
        *_clinician(data),
        *_reply(width),
    ]
    return build_pdf(story, spec)


def _spec(data: ReferralLetterData) -> DocumentSpec:
    return DocumentSpec(
        page_size=data.page_size,
        language=data.language,
        title=f"{LETTER_TITLE} \N{EN DASH} {data.patient.name}",
        author=data.clinic.name,
        subject="Referral letter",
        footer_left=f"{data.patient.name} · {long_date(data.assessed_on)} · {data.clinic.name}",
        margin_mm=15,
        footer_size=8,
    )


def _header(data: ReferralLetterData) -> list[Flowable]:
    clinic = data.clinic
    contact = " · ".join(p for p in (clinic.address, clinic.phone, clinic.email) if p)
    return [
        para(clinic.name, "r_clinic"),
        para(contact, "r_body"),
        HRFlowable(width="100%", thickness=1, color=ACCENT, spaceBefore=3, spaceAfter=3),
        para(LETTER_TITLE, "r_title"),
        para("To the patient's doctor", "r_body"),
    ]


def _urgency(data: ReferralLetterData, width: float) -> Table:
    box = Table([[para(URGENCY.get(data.tier, data.tier), "r_cell_bold")]], colWidths=(width,))
    box.setStyle(table_style(*[
        ("BOX", (0, 0), (-1, -1), 1.5, WARN),
        ("BACKGROUND", (0, 0), (-1, -1), WARN_SOFT),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]))  # fmt: skip
    return box


def _pairs(rows: Sequence[tuple[str, str]], width: float) -> Table:
    label_w = 40 * mm
    table = Table(
        [[para(k, "r_cell_bold"), para(v, "r_cell")] for k, v in rows],
        colWidths=(label_w, width - label_w),
        hAlign="LEFT",
    )
    table.setStyle(table_style(("GRID", (0, 0), (-1, -1), 0.4, RULE)))
    return table


def _patient(data: ReferralLetterData, width: float) -> list[Flowable]:
    patient = data.patient
    born = long_date(patient.date_of_birth) if patient.date_of_birth else DASH
    pain = f"{data.pain_nprs}/10" if data.pain_nprs is not None else DASH
    rows = [
        ("Patient", patient.name),
        ("Date of birth", born),
        ("Sex", words(patient.sex)),
        ("Assessed on", long_date(data.assessed_on)),
        ("Pain (NPRS, worst last week)", pain),
        ("Pain sites", ", ".join(data.pain_sites) or DASH),
    ]
    return [para("Patient", "r_heading"), _pairs(rows, width)]


def _flags(data: ReferralLetterData) -> list[Flowable]:
    story: list[Flowable] = [para("Why we are referring: red flags found", "r_heading")]
    story += [para(f"{flag.words} ({flag.tier})", "r_body", bullet="•") for flag in data.flags]
    story.append(
        para(
            "We have not started a home exercise program and will not until the patient is "
            "cleared for exercise.",
            "r_body",
        )
    )
    if data.notes:
        story.append(para(data.notes, "r_body", label="Clinical notes:"))
    return story


def _finding_line(finding: BriefFinding) -> str:
    side = f" ({finding.side})" if finding.side else ""
    value = f": {finding.value_text}" if finding.value_text else ""
    status = " [to confirm]" if finding.status == "to_confirm" else ""
    return f"{finding.title}{side}{value}{status}"


def _findings(findings: Sequence[BriefFinding]) -> list[Flowable]:
    heading = para("Assessment findings in brief", "r_heading")
    if not findings:
        return [heading, para("No muscle imbalance was flagged.", "r_body")]
    return [heading, *[para(_finding_line(f), "r_body", bullet="•") for f in findings]]


def _measurements(rows: Sequence[MeasurementRow], width: float) -> list[Flowable]:
    if not rows:
        return []
    widths = (0.46 * width, 0.18 * width, 0.18 * width, 0.18 * width)
    table = [[para(t, "r_cell_bold") for t in ("Test", "Left", "Right", "Unit")]]
    table += [
        [para(t, "r_cell") for t in (row.label, value_text(row.left), value_text(row.right),
                                      row.unit or DASH)]
        for row in rows
    ]  # fmt: skip
    grid = Table(table, colWidths=widths, repeatRows=1, hAlign="LEFT")
    grid.setStyle(table_style(
        ("GRID", (0, 0), (-1, -1), 0.4, RULE), ("BACKGROUND", (0, 0), (-1, 0), SOFT),
    ))  # fmt: skip
    return [para("Measurements", "r_heading"), grid]


def _clinician(data: ReferralLetterData) -> list[Flowable]:
    clinic = data.clinic
    reach = " · ".join(p for p in (clinic.phone, data.clinician_email or clinic.email) if p)
    return [
        para("Referring clinician", "r_heading"),
        para(f"{data.clinician}, {clinic.name}", "r_body"),
        para(reach or DASH, "r_body", label="Contact:"),
    ]


def _reply(width: float) -> list[Flowable]:
    rows = [[para(line, "r_cell_bold" if line else "r_cell")] for line in REPLY_LINES]
    box = Table(rows, colWidths=(width,), rowHeights=[11 * mm] * len(rows))
    box.setStyle(table_style(
        ("BOX", (0, 0), (-1, -1), 0.8, RULE), ("LINEBELOW", (0, 0), (-1, -2), 0.3, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ))  # fmt: skip
    return [Spacer(1, 4), KeepTogether([para("Reply from the doctor", "r_heading"), box])]
