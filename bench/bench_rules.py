"""Benchmark: evaluate() on a full assessment (every code, both sides), beside its baseline
in the same run: building the assessment's readings alone (`Readings`: the values by code
and side, in the units the rules read), which every evaluation does before any rule. Rounds
alternate the two; medians of the rounds' mean times."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from anywhere, no install

from assessments.rules import evaluate
from assessments.rules.metrics import Readings
from assessments.rules.samples import full_assessment

ROUNDS = 25
RUNS = 200  # evaluations per round and variant
WARMUP = 200


def round_mean_us(work, assessment) -> float:
    start = time.perf_counter()
    for _ in range(RUNS):
        work(assessment)
    return (time.perf_counter() - start) / RUNS * 1e6


def main() -> None:
    assessment = full_assessment()
    variants = {"evaluate": evaluate, "readings": Readings}
    for work in variants.values():
        for _ in range(WARMUP):
            work(assessment)
    means: dict[str, list[float]] = {name: [] for name in variants}
    for number in range(ROUNDS):
        order = list(variants) if number % 2 == 0 else list(variants)[::-1]
        for name in order:
            means[name].append(round_mean_us(variants[name], assessment))
    full, floor = (statistics.median(means[name]) for name in variants)
    findings = len(evaluate(assessment).findings)
    print(
        f"rules: evaluate full assessment: median {full:.1f} us "
        f"(baseline, its readings alone: {floor:.1f} us; the rules {full - floor:.1f} us, "
        f"{full / floor:.1f}x), {ROUNDS} interleaved rounds of {RUNS} "
        f"({len(assessment.measurements)} measurements, {findings} findings)"
    )


if __name__ == "__main__":
    main()
