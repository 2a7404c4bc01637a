"""The patient handout PDF: findings in plain words, exercises, safety advice and a weekly log."""

from __future__ import annotations

from io import BytesIO

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    Image,
    KeepTogether,
    Spacer,
    Table,
)

from reports.pdf import wording as w
from reports.pdf.data import (
    EMERGENCY_DEFAULT,
    HandoutData,
    HandoutExercise,
    HandoutFinding,
    Referral,
)
from reports.pdf.document import DocumentSpec, build_pdf, content_width, long_date
from reports.pdf.styles import ACCENT, INK, RULE, SOFT, WARN, WARN_SOFT, table_style
from reports.pdf.text import para

PICTURE_MAX = (70 * mm, 50 * mm)


def render_handout(data: HandoutData) -> bytes:
    """The handout as PDF bytes; a referral notice replaces the exercises when flags stand."""
    spec = _spec(data)
    support = [Spacer(1, 6 * mm), para(w.SUPPORT_LINE, "h_body")]
    if data.referral is not None:
        story = [*_header(data, spec), *_referral(data, data.referral, spec), *support]
    else:
        # The support line closes the advice; the tick-box log comes last, as a tear-off page.
        story = [
            *_header(data, spec),
            _stop_box(data, spec),
            *_findings(data.findings),
            *_pain_rule(),
            *_exercises(data),
            *_expect(),
            *support,
            *_log(data.exercises, spec),
        ]
    return build_pdf(story, spec)


def _spec(data: HandoutData) -> DocumentSpec:
    title = w.REFERRAL_DOCUMENT_TITLE if data.referral else w.HANDOUT_TITLE
    footer = " · ".join(p for p in (data.clinic.name, data.clinic.phone) if p)
    return DocumentSpec(
        page_size=data.page_size,
        language=data.language,
        title=f"{title} \N{EN DASH} {data.patient_name}",
        author=data.clinic.name,
        subject=w.HANDOUT_SUBJECT,
        footer_left=footer,
    )


def _header(data: HandoutData, spec: DocumentSpec) -> list[Flowable]:
    clinic = data.clinic
    contact = " · ".join(p for p in (clinic.address, clinic.phone, clinic.email) if p)
    title = w.REFERRAL_DOCUMENT_TITLE if data.referral else w.HANDOUT_TITLE
    rows = [
        (w.NAME_LABEL, data.patient_name),
        (w.DATE_LABEL, long_date(data.assessment_date)),
        (w.CLINICIAN_LABEL, data.clinician_name),
    ]
    details = Table(
        [[para(label, "h_label"), para(value, "h_body")] for label, value in rows],
        colWidths=(45 * mm, content_width(spec) - 45 * mm),
        hAlign="LEFT",
    )
    details.setStyle(
        table_style(
            *[
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [
        para(clinic.name, "h_clinic"),
        para(contact, "h_contact"),
        HRFlowable(width="100%", thickness=1.5, color=ACCENT, spaceBefore=6, spaceAfter=2),
        para(title, "h_title"),
        details,
    ]


def _findings(findings: tuple[HandoutFinding, ...]) -> list[Flowable]:
    story: list[Flowable] = [para(w.FOUND_HEADING, "h_heading")]
    if not findings:
        return [*story, para(w.NOTHING_FOUND, "h_body")]
    story.append(para(w.FOUND_INTRO, "h_body"))
    for finding in findings:
        title = finding.title
        if finding.side:
            title = f"{title} ({w.FINDING_SIDE_WORDS[finding.side]})"
        story.append(KeepTogether([para(title, "h_label"), para(finding.patient_text, "h_body")]))
    return story


def _boxed(
    content: list[Flowable],
    spec: DocumentSpec,
    *,
    border: object,
    fill: object,
    space_before: float = 0,
) -> Table:
    """Content in a coloured box the width of the page, padded on every side."""
    box = Table([[content]], colWidths=(content_width(spec),), spaceBefore=space_before)
    box.setStyle(table_style(*[
        ("BOX", (0, 0), (-1, -1), 2, border),
        ("BACKGROUND", (0, 0), (-1, -1), fill),
        ("LEFTPADDING", (0, 0), (-1, -1), 10),
        ("RIGHTPADDING", (0, 0), (-1, -1), 10),
        ("TOPPADDING", (0, 0), (-1, -1), 8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
    ]))  # fmt: skip
    return box


def _bullets(items: tuple[str, ...]) -> list[Flowable]:
    return [para(item, "h_notice_item", bullet="•") for item in items]


def _call_line(data: HandoutData) -> str:
    clinic = data.clinic
    return ", ".join(p for p in (clinic.name, clinic.phone) if p)


def emergency_number(data: HandoutData) -> str:
    return data.clinic.emergency_phone.strip() or EMERGENCY_DEFAULT


def _stop_box(data: HandoutData, spec: DocumentSpec) -> Table:
    """The stop-and-call advice and the emergency signs, boxed near the top of page 1."""
    emergency = w.EMERGENCY_TITLE.format(emergency=emergency_number(data))
    return _boxed(
        [
            para(w.STOP_TITLE, "h_notice_title"),
            *_bullets(w.STOP_SIGNS),
            Spacer(1, 4),
            para(_call_line(data), "h_notice", label=w.CALL_LABEL),
            Spacer(1, 8),
            para(emergency, "h_notice_title"),
            *_bullets(w.EMERGENCY_SIGNS),
            Spacer(1, 4),
            para(w.EMERGENCY_OUT_OF_HOURS, "h_notice"),
        ],
        spec, border=WARN, fill=WARN_SOFT, space_before=10,
    )  # fmt: skip


def _pain_rule() -> list[Flowable]:
    """The pain rule with its flare plan (exercises.md), before the exercises."""
    return [
        KeepTogether(
            [para(w.PAIN_RULE_HEADING, "h_heading"), *[para(t, "h_body") for t in w.PAIN_RULE]]
        )
    ]


def _expect() -> list[Flowable]:
    """What to expect over the weeks of the plan."""
    return [
        KeepTogether(
            [para(w.EXPECT_HEADING, "h_heading"), *[para(t, "h_body") for t in w.EXPECT_TEXTS]]
        )
    ]


def _picture(picture: bytes) -> Image:
    image = Image(BytesIO(picture))
    scale = min(PICTURE_MAX[0] / image.imageWidth, PICTURE_MAX[1] / image.imageHeight, 1)
    image.drawWidth = image.imageWidth * scale
    image.drawHeight = image.imageHeight * scale
    image.hAlign = "LEFT"
    return image


def _exercise(number: int, exercise: HandoutExercise, note: str) -> list[Flowable]:
    name = f"{number}. {exercise.name}"
    if exercise.side:
        name = f"{name}  \N{EN DASH}  {w.SIDE_WORDS[exercise.side]}"
    steps = [para(step, "h_step", bullet=f"{n}.") for n, step in enumerate(exercise.steps, 1)]
    parts: list[Flowable] = [para(name, "h_exercise")]
    if exercise.picture:
        parts += [_picture(exercise.picture), Spacer(1, 4)]
    parts += [
        *steps,
        Spacer(1, 4),
        para(exercise.dosage_text, "h_body", label=w.DOSAGE_LABEL),
        para(exercise.cue, "h_body", label=w.CUE_LABEL),
        para(exercise.why or note, "h_body", label=w.WHY_LABEL),
        HRFlowable(width="100%", thickness=0.5, color=RULE, spaceBefore=4, spaceAfter=6),
    ]
    return parts


def _exercises(data: HandoutData) -> list[Flowable]:
    heading = [para(w.EXERCISES_HEADING, "h_heading")]
    heading += [para(text, "h_body") for text in w.EXERCISES_INTRO]
    blocks = [
        _exercise(number, exercise, data.general_exercise_note)
        for number, exercise in enumerate(data.exercises, start=1)
    ]
    if not blocks:
        return heading
    # The heading travels with the first exercise so it never ends a page alone (and
    # KeepTogether must not nest: an inner one always reports itself too tall to fit).
    return [KeepTogether([*heading, *blocks[0]]), *[KeepTogether(b) for b in blocks[1:]]]


def _log(exercises: tuple[HandoutExercise, ...], spec: DocumentSpec) -> list[Flowable]:
    if not exercises:
        return []
    day_width = 15 * mm
    header = [para(w.LOG_EXERCISE_LABEL, "h_cell_bold")]
    header += [para(day, "h_cell_bold") for day in w.LOG_DAYS]
    rows = [[para(f"{n}. {ex.name}", "h_cell")] + [""] * 7 for n, ex in enumerate(exercises, 1)]
    table = Table(
        [header, *rows],
        colWidths=(content_width(spec) - 7 * day_width, *[day_width] * 7),
        repeatRows=1,
    )
    table.setStyle(table_style(*[
        ("GRID", (0, 0), (-1, -1), 1, INK),
        ("BACKGROUND", (0, 0), (-1, 0), SOFT),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 1), (-1, -1), 7),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 7),
    ]))  # fmt: skip
    return [
        KeepTogether([
            para(w.LOG_HEADING, "h_heading"),
            para(w.LOG_INTRO, "h_body"),
            para("____________________", "h_body", label=w.LOG_WEEK_LABEL),
            table,
        ])
    ]  # fmt: skip


def _referral(data: HandoutData, referral: Referral, spec: DocumentSpec) -> list[Flowable]:
    """The referral notice of the flags' tier: today, within days, or before exercising."""
    title, texts = w.REFERRAL_NOTICES.get(referral.tier, w.REFERRAL_NOTICES["urgent"])
    emergency = emergency_number(data)
    notice = _boxed(
        [
            para(title, "h_notice_title"),
            para(w.REFERRAL_LEAD, "h_notice"),
            *_bullets(referral.flags),
            Spacer(1, 6),
            *[para(text.format(emergency=emergency), "h_notice") for text in texts],
            para(_call_line(data), "h_notice", label=w.CALL_LABEL),
        ],
        spec, border=WARN, fill=WARN_SOFT,
    )  # fmt: skip
    return [Spacer(1, 6 * mm), notice]
