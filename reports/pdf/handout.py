"""The patient handout PDF: findings in plain words, safety advice, "Understanding your knee",
the exercises two to a page with their drawings, and the tick log for the weeks of the plan."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, KeepTogether, Spacer, Table

from reports.pdf import wording as w
from reports.pdf.data import EMERGENCY_DEFAULT, HandoutData, HandoutFinding, Referral
from reports.pdf.document import (
    DocumentSpec,
    FixedTable,
    build_pdf,
    content_height,
    content_width,
    long_date,
    room_left,
    stacked_height,
    unkept,
)
from reports.pdf.exercise_block import exercise_block
from reports.pdf.handout_log import tick_log
from reports.pdf.styles import ACCENT, WARN, WARN_SOFT, table_style
from reports.pdf.text import para
from reports.pdf.understanding import understanding

BOX_PADDING = 10  # inside the boxed notices, left and right
FIT_MARGIN = 2  # points kept free when deciding that flowables fit on a page


def render_handout(data: HandoutData) -> bytes:
    """The handout as PDF bytes; a referral notice replaces the exercises when flags stand."""
    spec = _spec(data)
    support = [Spacer(1, 6 * mm), para(w.SUPPORT_LINE, "h_body")]
    if data.referral is not None:
        story = [*_header(data, spec), *_referral(data, data.referral, spec), *support]
    else:
        page_one = [*_header(data, spec), _stop_box(data, spec), *_findings(data.findings)]
        story = [*page_one, *_guide_and_exercises(data, spec, page_one, support)]
    return build_pdf(story, spec)


def _guide_and_exercises(
    data: HandoutData, spec: DocumentSpec, page_one: list[Flowable], support: list[Flowable]
) -> list[Flowable]:
    """ "Understanding your knee" is kept on one page, with the plan for the weeks under it when
    both fit (read together: why it takes weeks, then the weeks). The two follow the findings
    where there is room, else the section alone does, else the two take the next page; the
    exercises follow two to a page, then the plan if it is not under the section. The support
    line ends the findings (at the end it could take a page of its own). With the section
    switched off, the pain rule, the exercises, the plan and the support line simply flow."""
    width = content_width(spec)
    exercises = _exercises(data, width)
    weeks = data.weeks_until_next_visit
    if not data.show_understanding_page:
        return [*_pain_rule(), *exercises, *tick_log(data.exercises, weeks, width), *support]
    guide = understanding(
        any_findings=bool(data.findings), load=data.load, emergency=emergency_number(data)
    )
    # Under "Why it takes weeks" the plan need not say again what to expect.
    with_plan = [*guide, *unkept(tick_log(data.exercises, weeks, width, expect=False))]
    page = content_height(spec) - FIT_MARGIN
    room = room_left([*page_one, *support], width, page)
    plan_fits = bool(data.exercises) and stacked_height(with_plan, width) <= room
    if not plan_fits and stacked_height(guide, width) > room:
        plan_fits = bool(data.exercises) and stacked_height(with_plan, width) <= page
    if plan_fits:
        return [*support, KeepTogether(with_plan), *exercises]
    return [*support, KeepTogether(guide), *exercises, *tick_log(data.exercises, weeks, width)]


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
        margin_mm=15,
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
    for finding in findings:
        title = finding.title
        if finding.side:
            title = f"{title} ({w.FINDING_SIDE_WORDS[finding.side]})"
        # Whole, so a page break falls between findings and the room left is known exactly.
        story.append(
            KeepTogether([para(finding.patient_text, "h_finding", label=f"{title}:", bullet="•")])
        )
    return story


def _boxed(
    content: list[Flowable],
    spec: DocumentSpec,
    *,
    border: object,
    fill: object,
    space_before: float = 0,
) -> FixedTable:
    """Content in a coloured box the width of the page, padded on every side."""
    box = FixedTable([[content]], colWidths=(content_width(spec),), spaceBefore=space_before)
    box.setStyle(table_style(*[
        ("BOX", (0, 0), (-1, -1), 2, border),
        ("BACKGROUND", (0, 0), (-1, -1), fill),
        ("LEFTPADDING", (0, 0), (-1, -1), BOX_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), BOX_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
    ]))  # fmt: skip
    return box


def _bullets(items: tuple[str, ...], style: str = "h_notice_item") -> list[Flowable]:
    return [para(item, style, bullet="•") for item in items]


def _call_line(data: HandoutData) -> str:
    clinic = data.clinic
    return ", ".join(p for p in (clinic.name, clinic.phone) if p)


def emergency_number(data: HandoutData) -> str:
    return data.clinic.emergency_phone.strip() or EMERGENCY_DEFAULT


def _stop_box(data: HandoutData, spec: DocumentSpec) -> FixedTable:
    """The stop-and-call advice beside the emergency signs, boxed near the top of page 1."""
    emergency = w.EMERGENCY_TITLE.format(emergency=emergency_number(data))
    stop = [
        para(w.STOP_TITLE, "h_notice_title"),
        *_bullets(w.STOP_SIGNS),
        Spacer(1, 4),
        para(_call_line(data), "h_notice", label=w.CALL_LABEL),
    ]
    urgent = [
        para(emergency, "h_notice_title"),
        *_bullets(w.EMERGENCY_SIGNS),
        Spacer(1, 4),
        para(w.EMERGENCY_OUT_OF_HOURS, "h_notice"),
    ]
    inner = content_width(spec) - 2 * BOX_PADDING
    columns = FixedTable([[stop, urgent]], colWidths=(inner * 0.45, inner * 0.55))
    columns.setStyle(table_style(*[
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (0, -1), 0),
        ("RIGHTPADDING", (0, 0), (0, -1), 8),
        ("LEFTPADDING", (1, 0), (1, -1), 8),
        ("RIGHTPADDING", (1, 0), (1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ("LINEBEFORE", (1, 0), (1, -1), 1, WARN),
    ]))  # fmt: skip
    return _boxed([columns], spec, border=WARN, fill=WARN_SOFT, space_before=8)


def _pain_rule() -> list[Flowable]:
    """The pain rule with its flare plan (exercises.md), before the exercises."""
    return [
        KeepTogether(
            [para(w.PAIN_RULE_HEADING, "h_heading"), *[para(t, "h_body") for t in w.PAIN_RULE]]
        )
    ]


def _exercises(data: HandoutData, width: float) -> list[Flowable]:
    heading = [para(w.EXERCISES_HEADING, "h_heading"), para(" ".join(w.EXERCISES_INTRO), "h_item")]
    blocks = [
        exercise_block(number, exercise, data.general_exercise_note, width)
        for number, exercise in enumerate(data.exercises, start=1)
    ]
    if not blocks:
        return heading
    # The heading travels with the first exercise so it never ends a page alone (and
    # KeepTogether must not nest: an inner one always reports itself too tall to fit).
    return [KeepTogether([*heading, *blocks[0]]), *[KeepTogether(b) for b in blocks[1:]]]


def _referral(data: HandoutData, referral: Referral, spec: DocumentSpec) -> list[Flowable]:
    """The referral notice of the flags' tier: today, within days, or before exercising."""
    title, texts = w.REFERRAL_NOTICES.get(referral.tier, w.REFERRAL_NOTICES["urgent"])
    emergency = emergency_number(data)
    notice = _boxed(
        [
            para(title, "h_referral_title"),
            para(w.REFERRAL_LEAD, "h_referral"),
            *_bullets(referral.flags, "h_referral_item"),
            Spacer(1, 6),
            *[para(text.format(emergency=emergency), "h_referral") for text in texts],
            para(_call_line(data), "h_referral", label=w.CALL_LABEL),
        ],
        spec, border=WARN, fill=WARN_SOFT,
    )  # fmt: skip
    return [Spacer(1, 6 * mm), notice]
