"""Every threshold and every finding resolves to a full reference (references.md)."""

from decimal import Decimal

import pytest

from assessments.rules import REFERENCES, THRESHOLDS, cite, evaluate
from assessments.rules.samples import full_assessment

# DOIs as references.md lists them, copied by hand.
LISTED_DOIS = {
    "LSI90": ["10.1136/bjsports-2016-096031", "10.1177/036354659101900518"],
    "Robinson2007": ["10.2519/jospt.2007.2439"],
    "Croisier2008": ["10.1177/0363546508316764"],
    "Tyler2001": ["10.1177/03635465010290020301"],
    "Lunsford1995": ["10.1093/ptj/75.8.694"],
    "Harvey1998": ["10.1136/bjsm.32.1.68"],
    "Thomas67": ["10.1186/s13102-021-00242-y"],
    "Witvrouw2000": ["10.1177/03635465000280040701"],
    "Gajdosik1983": ["10.1093/ptj/63.7.1085"],
    "Ferber2010": ["10.4085/1062-6050-45.4.344"],
    "WBLT10": ["10.2519/jospt.2005.35.12.793"],
    "Herrington2010": ["10.1016/j.ptsp.2009.11.004"],
    "Piva2006": ["10.1186/1471-2474-7-33"],
    "Plisky2006": ["10.2519/jospt.2006.2244"],
    "Neal2019": ["10.1136/bjsports-2017-098890"],
    "Rathleff2014": ["10.1136/bjsports-2013-093305"],
    "Willy2019": ["10.2519/jospt.2019.0302"],
    "Peeler2008": ["10.4085/1062-6050-43.5.470"],
    "Yildirim2018": ["10.4274/balkanmedj.2017.1517"],
    "HebertLosier2017": ["10.1016/j.physio.2017.03.002"],
    "Munro2012": ["10.1123/jsr.21.1.7"],
    "Piva2005": ["10.2519/jospt.2005.35.12.793"],
}
# references.md names no authors for these two published sources: journal and year only.
LISTED_WITHOUT_AUTHORS = {"HHD-HQ", "Thomas67"}
NOT_PUBLICATIONS = {"ExpertModel", "Convention", "Observation"}
# 2026.1 keys that findings frozen under 2026.1 still cite (references.md keeps them).
KEPT_FOR_2026_1 = {"HHD-HQ", "Tyler2001", "Witvrouw2000", "Gajdosik1983"}


@pytest.mark.parametrize("key", sorted(KEPT_FOR_2026_1))
def test_2026_1_sources_still_resolve(key):
    assert key in REFERENCES
    assert_full_reference(key)


def assert_full_reference(key):
    reference = REFERENCES[key]
    text = cite(key)
    for doi in LISTED_DOIS.get(key, []):
        assert f"doi:{doi}" in text
    if key in NOT_PUBLICATIONS:
        assert text  # the clinic convention / the expert model, said in words
        return
    for work in reference.works:
        assert work.journal
        if key == "RedFlags" and work.authors is None:
            continue  # "NHS knee referral pathways" is a pathway, not an article
        assert work.year is not None
        assert work.authors or key in LISTED_WITHOUT_AUTHORS
        assert str(work.year) in text and work.journal in text
        if work.authors:
            assert work.authors in text


@pytest.mark.parametrize("name", sorted(THRESHOLDS))
def test_every_threshold_has_a_source_with_a_full_reference(name):
    threshold = THRESHOLDS[name]
    assert isinstance(threshold.value, Decimal)
    assert threshold.source in REFERENCES
    assert_full_reference(threshold.source)


@pytest.mark.parametrize("key", sorted(REFERENCES))
def test_every_reference_resolves(key):
    assert_full_reference(key)


def test_every_finding_source_resolves_and_is_cited_in_the_explanation():
    for finding in evaluate(full_assessment()).findings:
        assert finding.source in REFERENCES
        assert_full_reference(finding.source)
        assert cite(finding.source) in finding.explanation


def test_cite_gives_the_reference_as_written():
    assert cite("Ferber2010") == (
        "Ferber R et al 2010, J Athl Train 45:344, doi:10.4085/1062-6050-45.4.344"
    )
    assert cite("LSI90") == (
        "Grindem H et al 2016, Br J Sports Med 50:804, doi:10.1136/bjsports-2016-096031; "
        "Noyes FR et al 1991, Am J Sports Med 19:513, doi:10.1177/036354659101900518"
    )
    assert cite("Convention") == "KneeClinic clinic convention, ruleset 2026.2"
    assert cite("Yildirim2018") == (
        "Yildirim MS et al 2018, Balkan Med J 35:388, doi:10.4274/balkanmedj.2017.1517"
    )
    assert "Janda" in cite("ExpertModel")
    assert "JAMA 275:611" in cite("RedFlags")
    assert cite("ExpertModel").startswith("Expert model, limited evidence")
    with pytest.raises(KeyError):
        cite("Nobody1900")


@pytest.mark.parametrize(
    ("name", "value", "source"),
    [
        ("STRENGTH_LSI", "90", "LSI90"),
        ("LSI_MODERATE_BELOW", "80", "Convention"),
        ("LSI_SEVERE_BELOW", "70", "Convention"),
        ("HOP_LSI", "85", "LSI90"),
        ("HQ_ISOKINETIC_60", "0.47", "Croisier2008"),
        ("HQ_HHD_ISOMETRIC", "0.50", "HHD-HQ"),
        ("HQ_HIGH", "1.00", "ExpertModel"),
        ("ADDUCTOR_ABDUCTOR", "0.80", "Tyler2001"),
        ("HEEL_RAISE_REPS", "25", "Lunsford1995"),
        ("THOMAS_HIP_ANGLE", "0", "Harvey1998"),
        ("THOMAS_HIP_MODERATE_ABOVE", "5", "Convention"),
        ("THOMAS_HIP_SEVERE_ABOVE", "10", "Convention"),
        ("THOMAS_KNEE_ANGLE", "67", "Thomas67"),
        ("AKE_MALE", "33", "Yildirim2018"),
        ("AKE_OTHER", "23.4", "Yildirim2018"),
        ("AKE_MODERATE_MARGIN", "10", "Convention"),
        ("AKE_SEVERE_MARGIN", "25", "Convention"),
        ("HIP_LSI", "90", "Robinson2007"),
        ("HEEL_RAISE_LSI", "90", "HebertLosier2017"),
        ("HEEL_RAISE_DIFFERENCE", "6", "HebertLosier2017"),
        ("SLR", "80", "SLR80"),
        ("OBER_ANGLE", "-23.2", "Ferber2010"),
        ("KNEE_TO_WALL", "10", "WBLT10"),
        ("FPPA_MALE", "9", "Herrington2010"),
        ("FPPA_OTHER", "12", "Herrington2010"),
        ("FPPA_SEVERE_ABOVE", "20", "Convention"),
        ("STEP_DOWN_SCORE", "2", "Piva2006"),
        ("STEP_DOWN_SEVERE_FROM", "4", "Piva2006"),
        ("Y_BALANCE_DIFFERENCE", "4", "Plisky2006"),
    ],
)
def test_threshold_values_and_sources_match_rules_md(name, value, source):
    assert THRESHOLDS[name].value == Decimal(value)
    assert THRESHOLDS[name].source == source


@pytest.mark.parametrize(
    "name", ["THOMAS_KNEE_SEVERE_BELOW", "Y_BALANCE_MODERATE_ABOVE", "AKE", "AKE_SEVERE_ABOVE"]
)
def test_bands_and_cut_offs_removed_in_2026_2_are_gone(name):
    assert name not in THRESHOLDS
