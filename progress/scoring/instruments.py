"""The four PROM instruments as data: items by official number, short labels, answers, MIC.

Item wording is not shipped: KOOS and KOOS-PF item texts are copyrighted (Roos), and a clinic
enters the answers from the form it licenses. Each item carries only its official number and
a short label of a few words naming its topic.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType

KOOS, KOOS_PF, KUJALA, LEFS = "koos", "koos_pf", "kujala", "lefs"

# Box position 0-4 for KOOS and KOOS-PF (0 = no problems) and for LEFS (4 = no difficulty).
LIKERT_0_4: tuple[int, ...] = (0, 1, 2, 3, 4)


@dataclass(frozen=True, slots=True)
class Option:
    """One allowed answer: the points it scores and, where the key names it, what it means."""

    points: int
    label: str


@dataclass(frozen=True, slots=True)
class Item:
    number: str  # the official item number: "S1", "PF3", "7"
    label: str  # a short topic label, never the item's wording
    options: tuple[Option, ...]

    @property
    def allowed(self) -> tuple[int, ...]:
        return tuple(option.points for option in self.options)


@dataclass(frozen=True, slots=True)
class Subscale:
    """A scored part of an instrument: its items and how many must be answered to score it."""

    code: str  # "symptoms", ..., or "total"
    name: str
    items: tuple[Item, ...]
    min_answered: int


@dataclass(frozen=True, slots=True)
class Instrument:
    code: str
    name: str
    reference: str  # the instrument's own reference (and its scoring guide)
    mic: Decimal  # minimal important change, in score points
    mic_source: str
    subscales: tuple[Subscale, ...]
    method: str  # "koos" (100 - mean x 25), "sum" (Kujala) or "lefs" (sum, prorated)
    items: tuple[Item, ...] = field(init=False, repr=False, compare=False)
    _by_number: Mapping[str, Item] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        items = tuple(item for subscale in self.subscales for item in subscale.items)
        object.__setattr__(self, "items", items)
        object.__setattr__(self, "_by_number", MappingProxyType({i.number: i for i in items}))

    def item(self, number: str) -> Item | None:
        return self._by_number.get(number)


def _likert(prefix: str, labels: tuple[str, ...], low: str, high: str) -> tuple[Item, ...]:
    options = tuple(
        Option(points, low if points == 0 else high if points == 4 else "") for points in LIKERT_0_4
    )
    return tuple(
        Item(f"{prefix}{number}", label, options) for number, label in enumerate(labels, start=1)
    )


def _koos_items(prefix: str, labels: tuple[str, ...]) -> tuple[Item, ...]:
    return _likert(prefix, labels, "no problems", "extreme problems")


def _half(items: tuple[Item, ...]) -> int:
    """At least half of a subscale's items: 7 -> 4, 9 -> 5, 17 -> 9, 5 -> 3, 4 -> 2, 11 -> 6."""
    return (len(items) + 1) // 2


def _koos_subscale(code: str, name: str, items: tuple[Item, ...]) -> Subscale:
    return Subscale(code, name, items, _half(items))


_SYMPTOMS = _koos_items(
    "S",
    (
        "swelling",
        "grinding or clicking",
        "catching",
        "straightening fully",
        "bending fully",
        "morning stiffness",
        "stiffness later in the day",
    ),
)
_PAIN = _koos_items(
    "P",
    (
        "how often pain",
        "twisting or pivoting",
        "straightening fully",
        "bending fully",
        "walking on flat ground",
        "stairs",
        "at night in bed",
        "sitting or lying",
        "standing upright",
    ),
)
_ADL = _koos_items(
    "A",
    (
        "going down stairs",
        "going up stairs",
        "rising from sitting",
        "standing",
        "bending to the floor",
        "walking on flat ground",
        "in or out of a car",
        "shopping",
        "putting on socks",
        "rising from bed",
        "taking off socks",
        "lying in bed",
        "in or out of the bath",
        "sitting",
        "on or off the toilet",
        "heavy domestic duties",
        "light domestic duties",
    ),
)
_SPORT_REC = _koos_items(
    "SP", ("squatting", "running", "jumping", "twisting or pivoting", "kneeling")
)
_QOL = _koos_items(
    "Q",
    ("awareness of the knee", "lifestyle changed", "lack of confidence", "overall difficulty"),
)

KOOS_INSTRUMENT = Instrument(
    code=KOOS,
    name="Knee injury and Osteoarthritis Outcome Score (KOOS)",
    reference=(
        "Roos EM, Roos HP, Lohmander LS, Ekdahl C, Beynnon BD 1998, J Orthop Sports Phys Ther "
        "28:88, doi:10.2519/jospt.1998.28.2.88; scoring: KOOS Scoring 2012 (koos.nu)"
    ),
    mic=Decimal("10"),
    mic_source="Roos (MIC 8-10 commonly cited)",
    subscales=(
        _koos_subscale("symptoms", "Symptoms", _SYMPTOMS),
        _koos_subscale("pain", "Pain", _PAIN),
        _koos_subscale("adl", "Function in daily living", _ADL),
        _koos_subscale("sport_rec", "Function in sport and recreation", _SPORT_REC),
        _koos_subscale("qol", "Knee-related quality of life", _QOL),
    ),
    method="koos",
)

# The KOOS-PF items are identified by number only: their wording is the licensed form's.
_PF = _koos_items("PF", tuple(f"patellofemoral item {number}" for number in range(1, 12)))

KOOS_PF_INSTRUMENT = Instrument(
    code=KOOS_PF,
    name="KOOS patellofemoral pain and osteoarthritis subscale (KOOS-PF)",
    reference=(
        "Crossley KM, Macri EM, Cowan SM, Collins NJ, Roos EM 2018, Br J Sports Med 52:1130, "
        "doi:10.1136/bjsports-2016-096776"
    ),
    mic=Decimal("16.4"),
    mic_source="Crossley 2018 (MIC)",
    subscales=(Subscale("total", "Patellofemoral pain and osteoarthritis", _PF, _half(_PF)),),
    method="koos",
)


def _kujala_item(number: int, label: str, *options: tuple[int, str]) -> Item:
    return Item(str(number), label, tuple(Option(points, text) for points, text in options))


# The 1993 key (progress.md): each option's points, best first.
_KUJALA = (
    _kujala_item(1, "limp", (5, "none"), (3, "slight or periodical"), (0, "constant")),
    _kujala_item(
        2,
        "support",
        (5, "full support without pain"),
        (3, "painful"),
        (0, "weight-bearing impossible"),
    ),
    _kujala_item(
        3, "walking", (5, "unlimited"), (3, "more than 2 km"), (2, "1-2 km"), (0, "unable")
    ),
    _kujala_item(
        4,
        "stairs",
        (10, "no difficulty"),
        (8, "slight pain when descending"),
        (5, "pain both when descending and ascending"),
        (0, "unable"),
    ),
    _kujala_item(
        5,
        "squatting",
        (5, "no difficulty"),
        (4, "repeated squatting painful"),
        (3, "painful each time"),
        (2, "possible with partial weight-bearing"),
        (0, "unable"),
    ),
    _kujala_item(
        6,
        "running",
        (10, "no difficulty"),
        (8, "pain after more than 2 km"),
        (6, "slight pain from start"),
        (3, "severe pain"),
        (0, "unable"),
    ),
    _kujala_item(
        7,
        "jumping",
        (10, "no difficulty"),
        (7, "slight difficulty"),
        (2, "constant pain"),
        (0, "unable"),
    ),
    _kujala_item(
        8,
        "prolonged sitting with the knees flexed",
        (10, "no difficulty"),
        (8, "pain after exercise"),
        (6, "constant pain"),
        (4, "pain forces to extend knees temporarily"),
        (0, "unable"),
    ),
    _kujala_item(
        9,
        "pain",
        (10, "none"),
        (8, "slight and occasional"),
        (6, "interferes with sleep"),
        (3, "occasionally severe"),
        (0, "constant and severe"),
    ),
    _kujala_item(
        10,
        "swelling",
        (10, "none"),
        (8, "after severe exertion"),
        (6, "after daily activities"),
        (4, "every evening"),
        (0, "constant"),
    ),
    _kujala_item(
        11,
        "abnormal painful kneecap movements (subluxations)",
        (10, "none"),
        (6, "occasionally in sports activities"),
        (4, "occasionally in daily activities"),
        (2, "at least one documented dislocation"),
        (0, "more than two dislocations"),
    ),
    _kujala_item(12, "atrophy of thigh", (5, "none"), (3, "slight"), (0, "severe")),
    _kujala_item(13, "flexion deficiency", (5, "none"), (3, "slight"), (0, "severe")),
)

KUJALA_INSTRUMENT = Instrument(
    code=KUJALA,
    name="Kujala Anterior Knee Pain Scale (AKPS)",
    reference=(
        "Kujala UM, Jaakkola LH, Koskinen SK, Taimela S, Hurme M, Nelimarkka O 1993, "
        "Arthroscopy 9:159, doi:10.1016/S0749-8063(05)80366-4"
    ),
    mic=Decimal("10"),
    mic_source="Crossley 2004 (MIC)",
    subscales=(Subscale("total", "Anterior knee pain", _KUJALA, len(_KUJALA)),),
    method="sum",
)

_LEFS = _likert(
    "",
    (
        "usual work, housework or school",
        "usual hobbies or sport",
        "in or out of the bath",
        "walking between rooms",
        "putting on shoes or socks",
        "squatting",
        "lifting from the floor",
        "light household tasks",
        "heavy household tasks",
        "in or out of a car",
        "walking 2 blocks",
        "walking a mile",
        "10 stairs up or down",
        "standing 1 hour",
        "sitting 1 hour",
        "running on even ground",
        "running on uneven ground",
        "sharp turns running fast",
        "hopping",
        "rolling over in bed",
    ),
    "extreme difficulty or unable",
    "no difficulty",
)

LEFS_INSTRUMENT = Instrument(
    code=LEFS,
    name="Lower Extremity Functional Scale (LEFS)",
    reference=(
        "Binkley JM, Stratford PW, Lott SA, Riddle DL 1999, Phys Ther 79:371, "
        "doi:10.1093/ptj/79.4.371"
    ),
    mic=Decimal("9"),
    mic_source="Binkley 1999 (MCID = MDC = 9)",
    subscales=(Subscale("total", "Lower extremity function", _LEFS, len(_LEFS) - 2),),
    method="lefs",
)

# In the order of progress.md's table (the order of the vocabulary endpoint).
INSTRUMENTS: dict[str, Instrument] = {
    instrument.code: instrument
    for instrument in (KOOS_INSTRUMENT, KOOS_PF_INSTRUMENT, KUJALA_INSTRUMENT, LEFS_INSTRUMENT)
}
