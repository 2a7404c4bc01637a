"""The thresholds of change between visits (progress.md), each with its source, as data."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from progress.scoring import INSTRUMENTS, KOOS, KOOS_PF, KUJALA, LEFS

HIGHER, LOWER = "higher", "lower"
# A measurement error must be exceeded (strictly more); a minimal important change counts
# from the threshold on (at least).
ERROR, IMPORTANT = "error", "important"
CLINIC_SETTING = "clinic setting"
STRENGTH = "strength"  # every strength measurement (N or Nm)


@dataclass(frozen=True, slots=True)
class ChangeThreshold:
    measure: str  # a measurement code, a metric code, "strength", "pain_nprs" or an instrument
    better: str  # HIGHER | LOWER
    amount: Decimal  # in the measure's unit; for strength, percent of the earlier value
    kind: str  # ERROR | IMPORTANT
    source: str  # short key, or "clinic setting"
    reference: str  # the full reference text (empty for a clinic setting)

    def absolute(self, earlier: Decimal) -> Decimal:
        """The threshold in the measure's unit (strength: a share of the earlier value)."""
        return abs(earlier) * self.amount / 100 if self.measure == STRENGTH else self.amount


def _t(
    measure: str, better: str, amount: str | Decimal, kind: str, source: str, ref: str
) -> ChangeThreshold:
    return ChangeThreshold(measure, better, Decimal(amount), kind, source, ref)


_ROWS = (
    _t("pain_nprs", LOWER, "2", IMPORTANT, "Farrar2001",
       "Farrar JT et al 2001, Pain 94:149 (about 2 points or 30%)"),
    _t("single_leg_squat_fppa", LOWER, "8", ERROR, "Munro2012",
       "Munro A, Herrington L, Carolan M 2012, J Sport Rehabil 21:7, doi:10.1123/jsr.21.1.7 "
       "(smallest detectable difference 7.5-8.9 deg)"),
    _t("y_balance_anterior", HIGHER, "9", ERROR, "Plisky2006",
       "Plisky PJ et al 2006, JOSPT 36:911, doi:10.2519/jospt.2006.2244 (inter-rater SEM "
       "3.1-4.2 cm, MDC95 about 8.6-11.6 cm)"),
    _t("thomas_knee_angle", HIGHER, "19", ERROR, "Peeler2008",
       "Peeler J, Anderson JE 2008, J Athl Train 43:470, doi:10.4085/1062-6050-43.5.470 "
       "(SEM about 7 deg, MDC95 about 19 deg)"),
    _t("single_leg_heel_raise", HIGHER, "6", ERROR, "HebertLosier2017",
       "Hebert-Losier K et al 2017, Physiotherapy 103:446, doi:10.1016/j.physio.2017.03.002 "
       "(95% limits of agreement about 6 reps)"),
    _t("knee_to_wall", HIGHER, "2", ERROR, "Rabin2015",
       "Rabin 2015 and clinical convention (MDC about 1.5-2 cm)"),
    _t("limb_symmetry_index", HIGHER, "10", ERROR, "Convention",
       "KneeClinic clinic convention (10 percentage points)"),
    _t(STRENGTH, HIGHER, "15", ERROR, "Convention",
       "KneeClinic clinic convention: 15% of the earlier value (hand-held dynamometry error "
       "is about 10-15%)"),
    _t(KOOS, HIGHER, INSTRUMENTS[KOOS].mic, IMPORTANT, "Roos", "Roos (MIC 8-10 commonly cited)"),
    _t(KOOS_PF, HIGHER, INSTRUMENTS[KOOS_PF].mic, IMPORTANT, "Crossley2018",
       "Crossley KM et al 2018, Br J Sports Med 52:1130, doi:10.1136/bjsports-2016-096776"),
    _t(KUJALA, HIGHER, INSTRUMENTS[KUJALA].mic, IMPORTANT, "Crossley2004",
       "Crossley KM, Bennell KL, Cowan SM, Green S 2004, Arch Phys Med Rehabil 85:815"),
    _t(LEFS, HIGHER, INSTRUMENTS[LEFS].mic, IMPORTANT, "Binkley1999",
       "Binkley JM et al 1999, Phys Ther 79:371, doi:10.1093/ptj/79.4.371 (MCID = MDC = 9)"),
)  # fmt: skip

# In the order of progress.md's table.
THRESHOLDS: dict[str, ChangeThreshold] = {row.measure: row for row in _ROWS}


def with_clinic_settings(overrides: Mapping[str, Decimal]) -> dict[str, ChangeThreshold]:
    """The table with a clinic's own amounts (same direction and kind), sourced "clinic setting".

    Keys are the table's measures; an unknown measure or an amount that is not positive is a
    ValueError naming what is allowed.
    """
    table = dict(THRESHOLDS)
    for measure, amount in overrides.items():
        if measure not in table:
            raise ValueError(f"unknown measure {measure!r}; allowed: {', '.join(THRESHOLDS)}.")
        if not Decimal(amount) > 0:
            raise ValueError(f"the threshold for {measure} must be more than 0; got {amount}.")
        table[measure] = replace(
            table[measure], amount=Decimal(amount), source=CLINIC_SETTING, reference=""
        )
    return table
