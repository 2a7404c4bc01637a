"""Benchmark: the mean time of evaluate() on a full assessment (every code, both sides)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from anywhere, no install

from assessments.rules import evaluate
from assessments.rules.samples import full_assessment

RUNS = 5000
WARMUP = 200


def main() -> None:
    assessment = full_assessment()
    for _ in range(WARMUP):
        evaluate(assessment)
    start = time.perf_counter()
    for _ in range(RUNS):
        evaluate(assessment)
    mean_us = (time.perf_counter() - start) / RUNS * 1e6
    findings = len(evaluate(assessment).findings)
    print(
        f"rules: evaluate full assessment: mean {mean_us:.1f} us over {RUNS} runs "
        f"({len(assessment.measurements)} measurements, {findings} findings)"
    )


if __name__ == "__main__":
    main()
