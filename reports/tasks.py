"""The printing queue's Celery tasks: thin wrappers over reports/printing.py.

A batch is split into chunks so that every worker prints part of it; whichever chunk
finishes last merges the PDF.
"""

from __future__ import annotations

import logging

from celery import shared_task

from reports import printing

logger = logging.getLogger(__name__)


@shared_task
def print_batch_start(batch_id: int) -> None:
    try:
        chunks = printing.print_batch_start(batch_id)
    except Exception as exc:
        printing.print_batch_fail(batch_id, f"Could not start: {type(exc).__name__}")
        raise
    for chunk in chunks:
        print_batch_chunk.delay(batch_id, chunk)
    if not chunks and printing.claim_merge(batch_id):
        print_batch_merge.delay(batch_id)


@shared_task
def print_batch_chunk(batch_id: int, item_ids: list[int]) -> None:
    if printing.print_items(batch_id, item_ids):
        print_batch_merge.delay(batch_id)


@shared_task
def print_batch_merge(batch_id: int) -> None:
    try:
        printing.print_batch_merge(batch_id)
    except Exception as exc:
        logger.exception("Print batch %s: merging failed", batch_id)
        printing.print_batch_fail(batch_id, f"Could not merge the PDF: {type(exc).__name__}")
        raise
