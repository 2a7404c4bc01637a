"""Benchmark: PROM scoring per instrument and change between two full visits (mean times)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from anywhere, no install

from assessments.rules import evaluate
from assessments.rules.samples import full_assessment
from progress.change import (
    FindingState,
    MeasurementValue,
    MetricValue,
    PromScore,
    VisitData,
    compare,
)
from progress.scoring import INSTRUMENTS, score

RUNS = 2000


def mean_us(action: Callable[[], object]) -> float:
    for _ in range(RUNS // 10):
        action()
    start = time.perf_counter()
    for _ in range(RUNS):
        action()
    return (time.perf_counter() - start) / RUNS * 1e6


def visit(shift: Decimal) -> VisitData:
    """The rules engine's full sample assessment, every number moved by `shift`."""
    assessment = full_assessment()
    evaluation = evaluate(assessment)

    def moved(value):
        return value if isinstance(value, bool) else value + shift

    return VisitData(
        pain_nprs=5,
        measurements=tuple(
            MeasurementValue(m.code, m.side, moved(m.value), m.unit, m.method)
            for m in assessment.measurements
        ),
        metrics=tuple(
            MetricValue(m.code, m.measurement, m.side, moved(m.value), m.unit)
            for m in evaluation.metrics
        ),
        findings=tuple(FindingState(f.code, f.side, "proposed") for f in evaluation.findings),
        proms=tuple(PromScore("koos", code, Decimal(50) + shift) for code in ("pain", "qol")),
    )


def main() -> None:
    for code, instrument in INSTRUMENTS.items():
        answers = {item.number: item.allowed[-1] for item in instrument.items}
        print(
            f"progress: score {code} ({len(answers)} items): "
            f"mean {mean_us(lambda c=code, a=answers: score(c, a)):.1f} us over {RUNS} runs"
        )
    earlier, later = visit(Decimal(0)), visit(Decimal(3))
    rows = len(compare(earlier, later).measures)
    print(
        f"progress: compare two full visits ({rows} measures, "
        f"{len(later.findings)} findings): mean {mean_us(lambda: compare(earlier, later)):.1f} us"
    )


if __name__ == "__main__":
    main()
