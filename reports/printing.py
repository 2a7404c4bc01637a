"""Printing: rendered PDFs cached by their inputs, and print batches (create, print, merge).

The renderers are byte-deterministic, so a PDF is cached under a hash of its plain data
(reports/pdf/data.py) and of the renderer's own source: a reprint costs a cache read, and a
changed program, clinic detail or renderer gives a new key and prints anew. The queue's tasks
(reports/tasks.py) call the functions below; `print_batch_run` does it all in-process.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import logging
import uuid
from collections.abc import Callable, Sequence
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, cast

from django.core.cache import cache as pdf_cache
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from pypdf import PdfReader, PdfWriter

from assessments.models import Assessment
from patients.errors import Invalid
from patients.models import AuditAction, Clinic
from patients.roles import Right, require
from patients.services import audit_record
from reports.batches import (
    MAX_BATCH_ITEMS,
    PrintBatch,
    PrintBatchItem,
    PrintBatchStatus,
    PrintOutcome,
)
from reports.handouts import printable, program_of, report_data
from reports.pdf.data import PageSize
from reports.pdf.handout import render_handout
from reports.pdf.report import render_report

logger = logging.getLogger(__name__)
PDF_PACKAGE = Path(__file__).resolve().parent / "pdf"
CHUNK_SIZE = 10  # visits per queue task: two workers share even a small batch


class PrintRequestInvalid(Invalid):
    """A print request that names what cannot be printed: a 400 on `field`."""

    def __init__(self, field: str, message: str):
        super().__init__(message, field=field)


# --- Rendered PDFs, cached by their inputs -------------------------------------------------


@cache
def renderer_version() -> str:
    """A hash of the renderers' source and fonts: a deployed change prints everything anew."""
    digest = hashlib.sha256()
    for path in sorted(PDF_PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".ttf"}:
            digest.update(path.relative_to(PDF_PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def canonical(value: Any) -> Any:
    """Plain data as JSON-able values with their types, the same in every process."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: canonical(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return [type(value).__name__, fields]
    if isinstance(value, list | tuple):
        return [canonical(item) for item in value]
    if isinstance(value, dict):
        return [[canonical(k), canonical(v)] for k, v in sorted(value.items(), key=repr)]
    if isinstance(value, set | frozenset):
        return sorted((canonical(item) for item in value), key=json.dumps)
    if isinstance(value, bytes):
        return "bytes:" + hashlib.sha256(value).hexdigest()
    if value is None or isinstance(value, str | bool | int | float):
        return value
    return f"{type(value).__name__}:{value}"  # Decimal, date, enums: their exact text


def pdf_cache_key(kind: str, data: Any) -> str:
    encoded = json.dumps([renderer_version(), canonical(data)], sort_keys=True).encode()
    return f"kneeclinic:pdf:{kind}:{hashlib.sha256(encoded).hexdigest()}"


def _cache_get(key: str) -> bytes | None:
    try:
        return pdf_cache.get(key)
    except Exception:  # a cache outage slows printing down; it never stops it
        logger.warning("PDF cache unavailable for a read", exc_info=True)
        return None


def _cache_set(key: str, content: bytes) -> None:
    try:
        pdf_cache.set(key, content)
    except Exception:
        logger.warning("PDF cache unavailable for a write", exc_info=True)


def cached_pdf(kind: str, data: Any, render: Callable[[Any], bytes]) -> tuple[bytes, str]:
    """The PDF of `data` and its cache key: from the cache, or rendered once and kept."""
    key = pdf_cache_key(kind, data)
    content = _cache_get(key)
    if content is None:
        content = render(data)
        _cache_set(key, content)
    return content, key


def handout_pdf(data) -> bytes:
    return cached_pdf("handout", data, render_handout)[0]


def report_pdf(data) -> bytes:
    return cached_pdf("report", data, render_report)[0]


# --- Creating a batch -----------------------------------------------------------------------


def _named_assessments(actor, ids: Sequence[int]) -> list[Assessment]:
    """The visits named, in the order named; 400 naming any unknown, foreign or archived id."""
    repeated = sorted({i for i in ids if list(ids).count(i) > 1})
    if repeated:
        raise PrintRequestInvalid("assessments", f"Listed more than once: {_ids(repeated)}.")
    found = {a.pk: a for a in Assessment.objects.for_user(actor).filter(pk__in=ids)}
    unknown = [i for i in ids if i not in found]
    if unknown:
        raise PrintRequestInvalid(
            "assessments", f"No such assessment in your clinics: {_ids(unknown)}."
        )
    archived = [i for i in ids if found[i].archived_at is not None]
    if archived:
        raise PrintRequestInvalid("assessments", f"Archived, not printed: {_ids(archived)}.")
    return [found[i] for i in ids]


def _ids(ids: Sequence[int]) -> str:
    return ", ".join(str(i) for i in ids)


def visits_on(clinic: Clinic, day: date) -> list[Assessment]:
    """A clinic's visits on a day, by patient name: the current record of each visit."""
    return list(
        Assessment.objects.filter(
            clinic=clinic,
            patient__archived_at__isnull=True,
            assessed_on=day,
            archived_at__isnull=True,
        )
        .exclude(amendments__status="final")  # an amended visit prints its amendment
        .order_by("patient__last_name", "patient__first_name", "patient_id", "id")
    )


def _day_assessments(clinic: Clinic, day: date) -> list[Assessment]:
    visits = visits_on(clinic, day)
    if not visits:
        raise PrintRequestInvalid("date", f"No visits on {day:%Y-%m-%d} at {clinic.name}.")
    return visits


def _batch_visits(actor, assessment_ids, clinic, visit_date, channel) -> list[Assessment]:
    """The visits to print, refused (400) if any cannot be, and 403 without the clinical right."""
    if visit_date is not None:
        if clinic is None:
            raise PrintRequestInvalid("clinic", "Name the clinic whose visits to print.")
        assessments = _day_assessments(clinic, visit_date)
    else:
        assessments = _named_assessments(actor, assessment_ids or [])
    if not assessments:
        raise PrintRequestInvalid("assessments", "Name at least one assessment.")
    if len(assessments) > MAX_BATCH_ITEMS:
        raise PrintRequestInvalid(
            "assessments", f"At most {MAX_BATCH_ITEMS} visits in one batch; got {len(assessments)}."
        )
    for clinic_id in sorted({a.clinic_id for a in assessments}):
        require(actor, Right.CLINICAL, clinic_id)
    return assessments


@transaction.atomic
def print_batch_create(
    *,
    actor,
    assessment_ids: Sequence[int] | None = None,
    clinic: Clinic | None = None,
    visit_date: date | None = None,
    include_reports: bool = False,
    channel: str = "api",
) -> PrintBatch:
    """Records a batch of the visits named (or `clinic`'s on `visit_date`) and queues it."""
    assessments = _batch_visits(actor, assessment_ids, clinic, visit_date, channel)
    batch = PrintBatch.objects.create(
        requested_by=actor,
        clinic=clinic,
        visit_date=visit_date,
        include_reports=include_reports,
        channel=channel,
        total=len(assessments),
    )
    PrintBatchItem.objects.bulk_create(
        PrintBatchItem(batch=batch, position=n, assessment=a) for n, a in enumerate(assessments)
    )
    audit_record(
        actor=actor,
        action=AuditAction.ACTION,
        obj=batch,
        detail=f"print batch of {len(assessments)} visits requested",
        channel=channel,
    )
    transaction.on_commit(lambda: _enqueue(batch.pk))
    return batch


def _enqueue(batch_id: int) -> None:
    from reports.tasks import print_batch_start  # the tasks import this module

    print_batch_start.delay(batch_id)


# --- Printing (the queue's tasks) -----------------------------------------------------------


def print_batch_start(batch_id: int) -> list[list[int]]:
    """Marks the batch as printing; its pending items in chunks for the workers."""
    with transaction.atomic():
        batch = PrintBatch.objects.select_for_update().get(pk=batch_id)
        if batch.status in (PrintBatchStatus.QUEUED, PrintBatchStatus.RUNNING):
            batch.status = PrintBatchStatus.RUNNING
            batch.save(update_fields=["status"])
    pending = list(batch.items.filter(outcome=PrintOutcome.PENDING).values_list("pk", flat=True))
    return [pending[i : i + CHUNK_SIZE] for i in range(0, len(pending), CHUNK_SIZE)]


def paper_of(assessment: Assessment) -> PageSize:
    return cast(PageSize, assessment.patient.clinic.paper_size)


def _render_item(batch: PrintBatch, assessment: Assessment) -> dict[str, Any]:
    """What to store on the item: its outcome, a word on it, the issued handout, the report."""
    from reports.services import handout_issue  # it prints through this module's cache

    paper = paper_of(assessment)
    fields: dict[str, Any] = {"outcome": PrintOutcome.PRINTED, "detail": ""}
    if assessment.red_flags_uncleared:
        fields["outcome"] = PrintOutcome.REFERRAL_NOTICE
        fields["detail"] = "A red flag stands uncleared: a referral notice was printed instead."
    elif program_of(assessment) is None:
        fields["outcome"] = PrintOutcome.NO_PROGRAM
        fields["detail"] = "No home program has been proposed yet: no handout printed."
    if fields["outcome"] != PrintOutcome.NO_PROGRAM:
        fields["issued_handout"] = handout_issue(
            assessment=assessment, actor=batch.requested_by, page_size=paper, channel=batch.channel
        )
    if batch.include_reports:
        report = report_data(assessment, page_size=paper)
        fields["report_key"] = cached_pdf("report", report, render_report)[1]
    return fields


ITEM_FIELDS = ["outcome", "detail", "issued_handout", "report_key"]


def _printed(batch: PrintBatch, assessment: Assessment) -> dict[str, Any]:
    try:
        return _render_item(batch, assessment)
    except Exception:  # one visit that cannot print never stops the batch
        logger.exception("Print batch %s: assessment %s failed", batch.pk, assessment.pk)
        return {"outcome": PrintOutcome.FAILED, "detail": "Could not print; see the logs."}


def _audit_print(batch: PrintBatch, item: PrintBatchItem) -> None:
    """The report printed; each handout's export is recorded when it is issued."""
    if item.report_key:
        audit_record(
            actor=batch.requested_by,
            action=AuditAction.EXPORT,
            obj=item.assessment,
            detail=f"report printed in print batch {batch.pk}",
            channel=batch.channel,
        )


@transaction.atomic
def _record_chunk(batch: PrintBatch, results: dict[int, dict[str, Any]]) -> None:
    """Stores a chunk's outcomes in one transaction; items printed meanwhile are left alone."""
    pending = PrintBatchItem.objects.select_for_update().filter(
        pk__in=results, outcome=PrintOutcome.PENDING
    )
    items = list(pending.select_related("assessment__patient"))
    for item in items:
        for name, value in results[item.pk].items():
            setattr(item, name, value)
        _audit_print(batch, item)
    PrintBatchItem.objects.bulk_update(items, ITEM_FIELDS)
    PrintBatch.objects.filter(pk=batch.pk).update(done=F("done") + len(items))


def print_items(batch_id: int, item_ids: Sequence[int]) -> bool:
    """Prints the pending items named; True when they were the batch's last ones.

    A redelivered chunk (a worker died before acknowledging it) records nothing twice.
    """
    batch = PrintBatch.objects.select_related("requested_by").get(pk=batch_id)
    items = list(batch.items.filter(pk__in=item_ids, outcome=PrintOutcome.PENDING))
    ids = [item.assessment_id for item in items]
    loaded = printable(Assessment.objects.filter(pk__in=ids), measurements=batch.include_reports)
    assessments = {a.pk: a for a in loaded}
    results = {item.pk: _printed(batch, assessments[item.assessment_id]) for item in items}
    _record_chunk(batch, results)
    return claim_merge(batch_id)


def claim_merge(batch_id: int) -> bool:
    """True for the one caller that finds every item printed: it merges the PDF."""
    with transaction.atomic():
        batch = PrintBatch.objects.select_for_update().get(pk=batch_id)
        if batch.status != PrintBatchStatus.RUNNING:
            return False
        if batch.items.filter(outcome=PrintOutcome.PENDING).exists():
            return False
        batch.status = PrintBatchStatus.MERGING
        batch.save(update_fields=["status"])
        return True


def _report_pdf(item: PrintBatchItem) -> bytes:
    """The item's rendered report from the cache; rendered again if the cache lost it."""
    content = _cache_get(item.report_key)
    if content is not None:
        return content
    assessment = printable(Assessment.objects.all()).get(pk=item.assessment_id)
    return report_pdf(report_data(assessment, page_size=paper_of(assessment)))


def _append(writer: PdfWriter, item: PrintBatchItem) -> None:
    first = len(writer.pages) + 1
    documents = []
    if item.issued_handout is not None:
        documents.append(bytes(item.issued_handout.content))  # the very bytes handed out
    if item.report_key:
        documents.append(_report_pdf(item))
    for content in documents:
        writer.append(PdfReader(io.BytesIO(content)), import_outline=False)
    if len(writer.pages) >= first:
        item.first_page, item.last_page = first, len(writer.pages)


def print_batch_merge(batch_id: int) -> PrintBatch:
    """Merges the batch's printed PDFs, in the order asked, into one file; the batch is done."""
    batch = PrintBatch.objects.get(pk=batch_id)
    items = list(batch.items.select_related("issued_handout"))
    writer = PdfWriter()
    for item in items:
        _append(writer, item)
    PrintBatchItem.objects.bulk_update(items, ["first_page", "last_page"])
    if writer.pages:
        writer.add_metadata({"/Title": f"KneeClinic print batch {batch.pk}"})
        out = io.BytesIO()
        writer.write(out)
        name = f"print-batch-{batch.pk}-{uuid.uuid4().hex}.pdf"  # unguessable in a bucket
        batch.pdf.save(name, ContentFile(out.getvalue()), save=False)
    batch.pages = len(writer.pages)
    batch.status = PrintBatchStatus.DONE
    batch.finished_at = timezone.now()
    batch.save(update_fields=["pdf", "pages", "status", "finished_at"])
    return batch


def print_batch_fail(batch_id: int, error: str) -> None:
    PrintBatch.objects.filter(pk=batch_id).update(
        status=PrintBatchStatus.FAILED, error=error[:300], finished_at=timezone.now()
    )


def print_batch_run(batch: PrintBatch) -> PrintBatch:
    """The whole batch in this process, without the queue (manage.py print_day)."""
    last = False
    for chunk in print_batch_start(batch.pk):
        last = print_items(batch.pk, chunk)
    if last or claim_merge(batch.pk):
        return print_batch_merge(batch.pk)
    batch.refresh_from_db()
    return batch


def print_batch_download(*, batch: PrintBatch, actor, channel: str = "api") -> bytes:
    """The merged PDF; each patient in it gets an audit event of the export."""
    with batch.pdf.open("rb") as stored:
        content = stored.read()
    for item in batch.items.exclude(first_page=None).select_related("assessment__patient"):
        audit_record(
            actor=actor,
            action=AuditAction.EXPORT,
            obj=item.assessment,
            detail=f"print batch {batch.pk} PDF downloaded",
            channel=channel,
        )
    return content
