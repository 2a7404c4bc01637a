"""The references of domain/references.md by short key, and their full citation text."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True, slots=True)
class Work:
    """One cited work; fields left None where references.md lists none."""

    authors: str | None
    year: int | None
    journal: str  # journal with volume:page, or the body that issued it
    doi: str | None = None
    title: str | None = None
    note: str | None = None

    def text(self) -> str:
        if self.authors:
            head = f"{self.authors} {self.year}, {self.journal}"
        else:
            head = self.journal if self.year is None else f"{self.journal} {self.year}"
        if self.title:
            head += f", {self.title}"
        if self.doi:
            head += f", doi:{self.doi}"
        return f"{head} ({self.note})" if self.note else head


@dataclass(frozen=True, slots=True)
class Reference:
    """A short key of references.md: what fact the rules use and which works support it."""

    key: str
    fact: str
    works: tuple[Work, ...]
    kind: str = "published"  # published | guidance | expert | convention

    def text(self) -> str:
        body = "; ".join(work.text() for work in self.works)
        if self.kind == "expert":
            return f"Expert model, limited evidence: {body}"
        return body


def _ref(key: str, fact: str, *works: Work, kind: str = "published") -> Reference:
    return Reference(key, fact, works, kind)


_ALL = (
    _ref(
        "LSI90",
        "strength LSI < 90% abnormal; hop LSI < 85% abnormal",
        Work("Grindem H et al", 2016, "Br J Sports Med 50:804", "10.1136/bjsports-2016-096031"),
        Work("Noyes FR et al", 1991, "Am J Sports Med 19:513", "10.1177/036354659101900518"),
    ),
    _ref(
        "Robinson2007",
        "unilateral PFP: hip strength LSI 71-79% vs 93-101% in controls",
        Work("Robinson RL, Nee RJ", 2007, "JOSPT 37:232", "10.2519/jospt.2007.2439"),
    ),
    _ref(
        "Croisier2008",
        "conventional H:Q (concentric, 60 deg/s) < 0.47 = imbalance",
        Work("Croisier JL et al", 2008, "Am J Sports Med 36:1469", "10.1177/0363546508316764"),
    ),
    _ref(
        "HHD-HQ",
        "(retired in 2026.2: kept for findings frozen under 2026.1) seated isometric H:Q in "
        "healthy adults about 0.51-0.56",
        Work(
            None,
            2025,
            "J Hum Kinet",
            title="isokinetic vs hand-held dynamometry for knee flexor and extensor strength",
        ),
    ),
    _ref(
        "Tyler2001",
        "(retired in 2026.2: kept for findings frozen under 2026.1) adductor:abductor < 80% "
        "(groin-strain risk)",
        Work("Tyler TF et al", 2001, "Am J Sports Med 29:124", "10.1177/03635465010290020301"),
    ),
    _ref(
        "Lunsford1995",
        "single-leg heel raise, healthy adults mean 27.9 reps; 25 used as normal",
        Work("Lunsford BR, Perry J", 1995, "Phys Ther 75:694", "10.1093/ptj/75.8.694"),
    ),
    _ref(
        "Harvey1998",
        "modified Thomas: thigh above horizontal = short one-joint hip flexors",
        Work("Harvey D", 1998, "Br J Sports Med 32:68", "10.1136/bjsm.32.1.68"),
    ),
    _ref(
        "Thomas67",
        "modified Thomas knee angle < 67 deg = short two-joint hip flexors",
        Work(
            None,
            2021,
            "BMC Sports Sci Med Rehabil",
            "10.1186/s13102-021-00242-y",
            note="criteria table",
        ),
    ),
    _ref(
        "Witvrouw2000",
        "low quadriceps flexibility prospectively linked to PFP",
        Work("Witvrouw E et al", 2000, "Am J Sports Med 28:480", "10.1177/03635465000280040701"),
    ),
    _ref(
        "Gajdosik1983",
        "active knee extension > 20 deg short of straight = tight hamstrings",
        Work("Gajdosik R, Lusin G", 1983, "Phys Ther 63:1085", "10.1093/ptj/63.7.1085"),
    ),
    _ref(
        "SLR80",
        "passive SLR < 80 deg = limited hamstring length",
        Work("Ayala F et al", 2013, "Phys Ther Sport 14:98"),
    ),
    _ref(
        "Ferber2010",
        "modified Ober angle above -23.2 deg = tight ITB/TFL",
        Work("Ferber R et al", 2010, "J Athl Train 45:344", "10.4085/1062-6050-45.4.344"),
    ),
    _ref(
        "WBLT10",
        "knee-to-wall < 10 cm = restricted ankle dorsiflexion (heuristic); 1 cm about 3.6 deg",
        Work("Bennell K et al", 1998, "Aust J Physiother 44:175"),
        Work("Piva SR et al", 2005, "JOSPT 35:793", "10.2519/jospt.2005.35.12.793"),
    ),
    _ref(
        "Herrington2010",
        "single-leg FPPA normal 5-12 deg (women), 1-9 deg (men)",
        Work("Herrington L, Munro A", 2010, "Phys Ther Sport 11:56", "10.1016/j.ptsp.2009.11.004"),
    ),
    _ref(
        "Piva2006",
        "lateral step-down score 0-1 good, 2-3 moderate, 4+ poor",
        Work("Piva SR et al", 2006, "BMC Musculoskelet Disord 7:33", "10.1186/1471-2474-7-33"),
    ),
    _ref(
        "Hardcastle1985",
        "Trendelenburg: opposite pelvis drops in single-leg stance",
        Work("Hardcastle P, Nade S", 1985, "J Bone Joint Surg Br 67:741"),
    ),
    _ref(
        "Plisky2006",
        "Y-balance anterior asymmetry > 4 cm (contested; near measurement error)",
        Work("Plisky PJ et al", 2006, "JOSPT 36:911", "10.2519/jospt.2006.2244"),
    ),
    _ref(
        "Peeler2008",
        "Ely test reliability fair (intra-rater kappa 0.52, inter-rater 0.46) and modified "
        "Thomas rectus femoris reliability fair (SEM about 7 deg)",
        Work(
            "Peeler J, Anderson JE",
            2008,
            "J Orthop Res",
            note="Ely test reliability; volume and pages not verified",
        ),
        Work(
            "Peeler J, Anderson JE",
            2008,
            "J Athl Train 43:470",
            "10.4085/1062-6050-43.5.470",
            note="modified Thomas test",
        ),
    ),
    _ref(
        "Yildirim2018",
        "active knee extension in young adults: tight when > 33.0 deg (men), > 23.4 deg (women)",
        Work("Yildirim MS et al", 2018, "Balkan Med J 35:388", "10.4274/balkanmedj.2017.1517"),
    ),
    _ref(
        "HebertLosier2017",
        "single-leg heel raise: test-retest ICC about 0.96; 95% limits of agreement about 6 reps",
        Work(
            "Hebert-Losier K et al", 2017, "Physiotherapy 103:446", "10.1016/j.physio.2017.03.002"
        ),
    ),
    _ref(
        "Munro2012",
        "FPPA between-day SEM 2.7-3.0 deg, smallest detectable difference 7.5-8.9 deg",
        Work(
            "Munro A, Herrington L, Carolan M", 2012, "J Sport Rehabil 21:7", "10.1123/jsr.21.1.7"
        ),
    ),
    _ref(
        "Piva2005",
        "ITB length does not differ in patellofemoral pain; quadriceps, hamstring and calf "
        "flexibility lower",
        Work("Piva SR et al", 2005, "JOSPT 35:793", "10.2519/jospt.2005.35.12.793"),
    ),
    _ref(
        "Observation",
        "knee valgus seen by eye, without an angle",
        Work(None, None, "clinician observation; no cut-off, grade C"),
        kind="convention",
    ),
    _ref(
        "Neal2019",
        "risk-factor meta-analysis (hip weakness, Q-angle not risk factors)",
        Work("Neal BS et al", 2019, "Br J Sports Med 53:270", "10.1136/bjsports-2017-098890"),
    ),
    _ref(
        "Rathleff2014",
        "hip weakness a consequence, not a cause, of PFP",
        Work("Rathleff MS et al", 2014, "Br J Sports Med 48:1088", "10.1136/bjsports-2013-093305"),
    ),
    _ref(
        "Willy2019",
        "PFP clinical practice guideline: hip + knee exercise",
        Work("Willy RW et al", 2019, "JOSPT 49(9):CPG1", "10.2519/jospt.2019.0302"),
    ),
    _ref(
        "ExpertModel",
        "imbalance models without a published cut-off: H:Q above 1.00 (hamstrings stronger "
        "than quadriceps), the combined findings",
        Work(
            None,
            None,
            "no published evidence; an expert model in the tradition of Janda's "
            "muscle-imbalance syndromes (confirm clinically)",
        ),
        kind="expert",
    ),
    _ref(
        "Convention",
        "severity bands and every severity edge without a reference of its own",
        Work(None, None, "KneeClinic clinic convention, ruleset 2026.2"),
        kind="convention",
    ),
    _ref(
        "RedFlags",
        "referral criteria, in three tiers (rules.md)",
        Work(None, None, "NHS knee referral pathways (emergency, urgent and routine criteria)"),
        Work("Stiell IG et al", 1995, "Ann Emerg Med 26:405", note="Ottawa knee rules"),
        Work("Stiell IG et al", 1996, "JAMA 275:611", note="Ottawa knee rules"),
        kind="guidance",
    ),
)

REFERENCES: Mapping[str, Reference] = MappingProxyType({ref.key: ref for ref in _ALL})
_CITATIONS: dict[str, str] = {ref.key: ref.text() for ref in _ALL}


def cite(key: str) -> str:
    """The full reference text for a short key; KeyError for an unknown key."""
    return _CITATIONS[key]
