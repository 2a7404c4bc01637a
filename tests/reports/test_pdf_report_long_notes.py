"""The clinician report prints notes of any length: long text flows over the pages."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from pypdf import PdfReader

from reports.pdf.report import render_report
from reports.pdf.samples import sample_report

SENTENCE = "Knee feels better on stairs after the second week. "  # 51 characters


def report_with(**fields) -> PdfReader:
    data = sample_report()
    data = replace(data, assessment=replace(data.assessment, **fields))
    return PdfReader(io.BytesIO(render_report(data)))


def text_of(reader: PdfReader) -> str:
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.mark.parametrize("characters", [5_300, 20_000, 60_000])
def test_long_notes_print_in_full_over_several_pages(characters):
    repeats = characters // len(SENTENCE) + 1
    reader = report_with(notes=SENTENCE * repeats)
    assert len(reader.pages) > 1
    assert text_of(reader).count("stairs") == repeats  # every sentence printed


def test_one_long_word_and_many_lines_print_too():
    reader = report_with(notes="x" * 8_000, gait_notes="Hip drop.\n" * 600)
    text = text_of(reader)
    assert len(reader.pages) > 1
    assert text.count("Hip drop.") == 600
