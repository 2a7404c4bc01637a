"""What each role may do, per API endpoint and admin page: the one table the role-matrix tests
(tests/kneeclinic/test_role_matrix_api.py, test_role_matrix_admin.py) and the README's table
are built from.

Expected outcomes are written down from ../shared/api.md ("Roles", "Conventions") and the
rights in patients/roles.py, never copied from running the code. Each row's outcomes are for
the roles in this order (tests/role_world.py builds them):

    clinician  clinic_admin  assistant  outsider  anonymous

`outsider` is a clinician of another clinic; `anonymous` sends no credentials. A number is
the status expected; `login` (admin) is a redirect to the sign-in page; `noop` (admin) is a
redirect back that changes nothing.

To add an endpoint: one `Api(...)` row per method, with the path exactly as the OpenAPI
schema spells it (`/api/v1/assessments/{id}/follow-up/`), `obj` naming what `{id}` is (a key
of `World.ids`: patient, draft, final, flagged, finding, item, prom, exercise, batch...), a
body if it takes one, the outcomes, and its README group. The coverage test fails for a
schema route without a row. To add an admin page: an `Admin(...)` row per page; the coverage
test fails for a registered ModelAdmin without rows for its changelist, add and change pages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

ROLE_ORDER = ("clinician", "clinic_admin", "assistant", "outsider", "anonymous")
ROLE_WORDS = {
    "clinician": "clinician",
    "clinic_admin": "clinic admin",
    "assistant": "assistant",
    "outsider": "another clinic's member",
    "anonymous": "not signed in",
}

Body = dict[str, Any] | Callable[[Any, str], dict[str, Any]] | None


@dataclass(frozen=True)
class Api:
    method: str
    path: str  # as the OpenAPI schema spells it
    outcomes: str  # five outcomes, in ROLE_ORDER
    group: str  # the README table's row
    obj: str = ""  # what {id} is: a key of World.ids
    body: Body = None
    label: str = ""  # tells apart two rows of one route (e.g. an assistant's clinical field)

    def expected(self) -> dict[str, str]:
        words = self.outcomes.split()
        assert len(words) == len(ROLE_ORDER), self
        return dict(zip(ROLE_ORDER, words, strict=True))

    @property
    def name(self) -> str:
        return f"{self.method.upper()} {self.path}" + (f" ({self.label})" if self.label else "")


def credentials(world, role: str) -> dict[str, str]:
    from tests.conftest import PASSWORD

    user = world.users.get(role)
    return {"username": user.username if user else "nobody", "password": PASSWORD}


def batch_of_draft(world, role: str) -> dict[str, Any]:
    return {"assessments": [world.ids["draft"]]}


NEW_PATIENT = {"first_name": "Noor", "last_name": "Haddad", "date_of_birth": "1988-02-03",
               "sex": "female", "phone": "+1 555 0177"}  # fmt: skip
NEW_EXERCISE = {"code": "step_ups", "name": "Step ups", "kind": "strengthen", "sets": 2,
                "reps": 10, "per_week": 3, "steps": ["Step up onto a low step."],
                "cue": "Hold the rail."}  # fmt: skip

V1 = "/api/v1"
PATIENT = "Patients: list, register, read, edit identity and contact"
CLINICAL_PATIENT = "Patients: clinical fields, archive, FHIR export"
AUDIT = "A patient's audit trail"
ASSESSMENTS = "Assessments, measurements, findings, PROMs"
LIFECYCLE = "Finalize, amend, red-flag clearance"
PROGRAMS = "Home programs and their items"
PDFS = "PDFs: handout, issued handouts, report, referral"
BATCHES = "Print batches (a batch is its requester's)"
EXERCISES = "Exercises and their pictures"
VOCABULARY = "Vocabulary (tests, findings, red flags, PROM instruments)"
SIGN_IN = "Index, sign-in, sign-out"

# Lists answer a member of another clinic with their own clinic's (empty) list: 200; a record
# of this clinic in the URL is a 404 to them, and a body naming one is a 400 (api.md).
API: list[Api] = [
    Api("get", f"{V1}/", "200 200 200 200 200", SIGN_IN),
    Api("post", f"{V1}/auth/token/", "200 200 200 200 400", SIGN_IN, body=credentials),
    Api("post", f"{V1}/auth/logout/", "204 204 204 204 401", SIGN_IN),
    # Patients: the front desk lists, registers and edits identity and contact fields.
    Api("get", f"{V1}/patients/", "200 200 200 200 401", PATIENT),
    Api("post", f"{V1}/patients/", "201 201 201 201 401", PATIENT, body=NEW_PATIENT),
    Api("get", f"{V1}/patients/{{id}}/", "200 200 200 404 401", PATIENT, "patient"),
    Api("patch", f"{V1}/patients/{{id}}/", "200 200 200 404 401", PATIENT, "patient",
        {"phone": "+1 555 0199"}, "contact field"),
    Api("patch", f"{V1}/patients/{{id}}/", "200 200 403 404 401", CLINICAL_PATIENT, "patient",
        {"notes": "Runs 20 km a week"}, "clinical field"),
    Api("post", f"{V1}/patients/", "201 201 403 201 401", CLINICAL_PATIENT,
        body={**NEW_PATIENT, "activity": "Marathon runner"}, label="with a clinical field"),
    Api("delete", f"{V1}/patients/{{id}}/", "204 204 403 404 401", CLINICAL_PATIENT, "patient"),
    Api("get", f"{V1}/patients/{{id}}/fhir/", "200 200 403 404 401", CLINICAL_PATIENT, "patient"),
    Api("get", f"{V1}/patients/{{id}}/progress/", "200 200 403 404 401", CLINICAL_PATIENT,
        "patient"),
    Api("get", f"{V1}/patients/{{id}}/audit/", "403 200 403 404 401", AUDIT, "patient"),
    # Assessments and what hangs from them: clinical (clinicians and clinic admins).
    Api("get", f"{V1}/assessments/", "200 200 403 200 401", ASSESSMENTS),
    Api("post", f"{V1}/assessments/", "201 201 403 400 401", ASSESSMENTS,
        body=lambda w, r: {"patient": w.ids["patient"], "assessed_on": "2026-03-03"}),
    Api("get", f"{V1}/assessments/{{id}}/", "200 200 403 404 401", ASSESSMENTS, "draft"),
    Api("patch", f"{V1}/assessments/{{id}}/", "200 200 403 404 401", ASSESSMENTS, "draft",
        {"notes": "Stairs hurt"}),
    Api("delete", f"{V1}/assessments/{{id}}/", "204 204 403 404 401", ASSESSMENTS, "draft"),
    Api("patch", f"{V1}/assessments/{{id}}/measurements/", "200 200 403 404 401", ASSESSMENTS,
        "draft", {"measurements": [{"code": "knee_to_wall", "side": "right", "value": 12}]}),
    Api("get", f"{V1}/findings/", "200 200 403 200 401", ASSESSMENTS),
    Api("get", f"{V1}/findings/{{id}}/", "200 200 403 404 401", ASSESSMENTS, "finding"),
    Api("patch", f"{V1}/findings/{{id}}/", "200 200 403 404 401", ASSESSMENTS, "finding",
        {"status": "dismissed", "note": "Old sprain"}),
    Api("get", f"{V1}/assessments/{{id}}/proms/", "200 200 403 404 401", ASSESSMENTS, "draft"),
    Api("post", f"{V1}/assessments/{{id}}/proms/", "201 201 403 404 401", ASSESSMENTS, "draft",
        {"instrument": "lefs", "answers": {}}),
    Api("get", f"{V1}/proms/{{id}}/", "200 200 403 404 401", ASSESSMENTS, "prom"),
    Api("patch", f"{V1}/proms/{{id}}/", "200 200 403 404 401", ASSESSMENTS, "prom",
        {"completed_on": "2026-03-01"}),
    Api("delete", f"{V1}/proms/{{id}}/", "204 204 403 404 401", ASSESSMENTS, "prom"),
    Api("post", f"{V1}/assessments/{{id}}/finalize/", "200 200 403 404 401", LIFECYCLE, "draft"),
    Api("post", f"{V1}/assessments/{{id}}/amend/", "201 201 403 404 401", LIFECYCLE, "final"),
    Api("post", f"{V1}/assessments/{{id}}/follow-up/", "201 201 403 404 401", LIFECYCLE,
        "final"),
    Api("post", f"{V1}/assessments/{{id}}/clear-red-flags/", "200 200 403 404 401", LIFECYCLE,
        "flagged", {"reason": "Seen by her doctor: cleared for exercise"}),
    Api("get", f"{V1}/assessments/{{id}}/program/", "200 200 403 404 401", PROGRAMS, "draft"),
    Api("post", f"{V1}/assessments/{{id}}/program/", "201 201 403 404 401", PROGRAMS, "draft"),
    Api("post", f"{V1}/assessments/{{id}}/program/items/", "201 201 403 404 401", PROGRAMS,
        "draft", {"exercise": "glute_bridge"}),
    Api("get", f"{V1}/program-items/{{id}}/", "200 200 403 404 401", PROGRAMS, "item"),
    Api("patch", f"{V1}/assessments/{{id}}/program/", "200 200 403 404 401", PROGRAMS, "draft",
        {"weeks_until_next_visit": 4}),
    Api("patch", f"{V1}/program-items/{{id}}/", "200 200 403 404 401", PROGRAMS, "item",
        {"sets": 4}),
    Api("delete", f"{V1}/program-items/{{id}}/", "204 204 403 404 401", PROGRAMS, "item"),
    Api("get", f"{V1}/assessments/{{id}}/handout.pdf", "200 200 403 404 401", PDFS, "draft"),
    Api("get", f"{V1}/assessments/{{id}}/handouts/", "200 200 403 404 401", PDFS, "draft"),
    Api("get", f"{V1}/assessments/{{id}}/handouts/{{number}}.pdf", "200 200 403 404 401", PDFS,
        "draft"),
    Api("get", f"{V1}/assessments/{{id}}/report.pdf", "200 200 403 404 401", PDFS, "draft"),
    Api("get", f"{V1}/assessments/{{id}}/referral.pdf", "200 200 403 404 401", PDFS, "flagged"),
    # A batch is visible only to whoever asked for it (the clinician here): 404 for anyone else.
    Api("post", f"{V1}/print-batches/", "202 202 403 400 401", BATCHES, body=batch_of_draft),
    Api("get", f"{V1}/print-batches/{{id}}/", "200 404 404 404 401", BATCHES, "batch"),
    Api("get", f"{V1}/print-batches/{{id}}/pdf", "200 404 404 404 401", BATCHES, "batch"),
    # Exercises are clinical; {id} is the clinic's own copy of a shipped exercise.
    Api("get", f"{V1}/exercises/", "200 200 403 200 401", EXERCISES),
    Api("post", f"{V1}/exercises/", "201 201 403 201 401", EXERCISES, body=NEW_EXERCISE),
    Api("get", f"{V1}/exercises/{{id}}/", "200 200 403 404 401", EXERCISES, "exercise"),
    Api("patch", f"{V1}/exercises/{{id}}/", "200 200 403 404 401", EXERCISES, "exercise",
        {"reps": 15}),
    Api("get", f"{V1}/exercises/{{id}}/picture/", "200 200 403 404 401", EXERCISES, "exercise"),
    # Reference data for front ends: no patient data, so any member reads it.
    Api("get", f"{V1}/measurement-types/", "200 200 200 200 401", VOCABULARY),
    Api("get", f"{V1}/finding-types/", "200 200 200 200 401", VOCABULARY),
    Api("get", f"{V1}/red-flags/", "200 200 200 200 401", VOCABULARY),
    Api("get", f"{V1}/prom-instruments/", "200 200 200 200 401", VOCABULARY),
]  # fmt: skip

# Served beside the schema, not in it: the schema and the docs themselves (test_headers.py
# checks they need a sign-in in production).
NOT_IN_SCHEMA = {f"{V1}/schema/", f"{V1}/docs/", f"{V1}/redoc/"}


@dataclass(frozen=True)
class Admin:
    """One admin page. `url` is relative to /admin/, with {id} filled from World.ids[obj]."""

    model: str  # app_label.model_name of the ModelAdmin
    page: str  # changelist | add | change | delete | history | <custom view>
    outcomes: str  # five outcomes, in ROLE_ORDER
    obj: str = ""
    method: str = "get"
    data: dict[str, Any] = field(default_factory=dict)

    def expected(self) -> dict[str, str]:
        words = self.outcomes.split()
        assert len(words) == len(ROLE_ORDER), self
        return dict(zip(ROLE_ORDER, words, strict=True))

    @property
    def url(self) -> str:
        app, model = self.model.split(".")
        base = f"/admin/{app}/{model}/"
        if self.page == "changelist":
            return base
        if self.page == "add":
            return f"{base}add/"
        return f"{base}{{id}}/{self.page}/"

    @property
    def name(self) -> str:
        return f"{self.method.upper()} {self.model} {self.page}"


def model_pages(model: str, obj: str, changelist: str, add: str, change: str) -> list[Admin]:
    """The standard pages of a ModelAdmin; nobody deletes records (403 for every role)."""
    return [
        Admin(model, "changelist", changelist),
        Admin(model, "add", add),
        Admin(model, "change", change, obj),
        Admin(model, "delete", "403 403 403 403 login", obj),
        Admin(model, "history", change, obj),
    ]


# Django's own admins (users, groups, tokens, sign-in attempts) follow Django's permissions,
# which no clinic role holds: a superuser's pages. A clinic admin manages members' roles on
# the clinic's page instead.
DJANGO_ONLY = "403 403 403 403 login"
CLINICAL_LIST = "200 200 403 200 login"  # a member elsewhere sees their own clinic's list
CLINICAL_RECORD = "200 200 403 404 login"
ACTION = "302 302 403 404 login"  # a clinical action: done, then back to the page

ADMIN: list[Admin] = [
    *model_pages("auth.group", "group", DJANGO_ONLY, DJANGO_ONLY, DJANGO_ONLY),
    *model_pages("auth.user", "user", DJANGO_ONLY, DJANGO_ONLY, DJANGO_ONLY),
    *model_pages("knox.authtoken", "token", DJANGO_ONLY, DJANGO_ONLY, DJANGO_ONLY),
    *model_pages("axes.accessattempt", "accessattempt", DJANGO_ONLY, DJANGO_ONLY, DJANGO_ONLY),
    *model_pages("axes.accesslog", "accesslog", DJANGO_ONLY, DJANGO_ONLY, DJANGO_ONLY),
    *model_pages("axes.accessfailurelog", "accessfailurelog", DJANGO_ONLY, DJANGO_ONLY,
                 DJANGO_ONLY),
    # Every member sees their clinic; only a superuser adds one.
    *model_pages("patients.clinic", "clinic", "200 200 200 200 login", DJANGO_ONLY,
                 "200 200 200 404 login"),
    # The audit trail: clinic admins only, read-only (nobody adds, changes or deletes).
    *model_pages("patients.auditevent", "event", "403 200 403 403 login", DJANGO_ONLY,
                 "403 200 403 403 login"),
    *model_pages("patients.patient", "patient", "200 200 200 200 login", "200 200 200 200 login",
                 "200 200 200 404 login"),
    *model_pages("assessments.assessment", "draft", CLINICAL_LIST, CLINICAL_LIST,
                 CLINICAL_RECORD),
    Admin("assessments.assessment", "clear-red-flags", CLINICAL_RECORD, "flagged"),
    Admin("assessments.assessment", "clear-red-flags", ACTION, "flagged", "post",
          {"reason": "Seen by her doctor: cleared for exercise"}),
    Admin("assessments.assessment", "propose-program", ACTION, "draft", "post"),
    Admin("assessments.assessment", "finalize", ACTION, "draft", "post"),
    Admin("assessments.assessment", "amend", ACTION, "final", "post"),
    Admin("assessments.assessment", "follow-up", ACTION, "final", "post"),
    Admin("assessments.assessment", "item-responses", ACTION, "draft", "post"),
    Admin("assessments.assessment", "print-handout", ACTION, "draft"),
    *model_pages("assessments.examtemplate", "template", CLINICAL_LIST, CLINICAL_LIST,
                 CLINICAL_RECORD),
    *model_pages("reports.exercise", "exercise", CLINICAL_LIST, CLINICAL_LIST, CLINICAL_RECORD),
    # Programs are proposed from an assessment, never added here.
    *model_pages("reports.homeprogram", "program", CLINICAL_LIST, DJANGO_ONLY, CLINICAL_RECORD),
    # A print batch is its requester's (the clinician here); nothing is added or changed here.
    *model_pages("reports.printbatch", "batch", CLINICAL_LIST, DJANGO_ONLY,
                 "200 404 403 404 login"),
    *model_pages("progress.koosresponse", "prom_koos", CLINICAL_LIST, CLINICAL_LIST,
                 CLINICAL_RECORD),
    *model_pages("progress.koospfresponse", "prom_koos_pf", CLINICAL_LIST, CLINICAL_LIST,
                 CLINICAL_RECORD),
    *model_pages("progress.kujalaresponse", "prom_kujala", CLINICAL_LIST, CLINICAL_LIST,
                 CLINICAL_RECORD),
    *model_pages("progress.lefsresponse", "prom_lefs", CLINICAL_LIST, CLINICAL_LIST,
                 CLINICAL_RECORD),
    # A clinic's own change thresholds: clinic admins only (the clinic's settings).
    # (deleting one brings the published threshold back, so a clinic admin may).
    *[Admin("progress.changethresholdsetting", page, "403 200 403 403 login",
            "" if page in ("changelist", "add") else "threshold")
      for page in ("changelist", "add", "change", "delete", "history")],
]  # fmt: skip


CELL_ORDER = ("yes", "400", "401", "403", "404")


def cell(outcomes: list[str]) -> str:
    """One README cell: `yes` for a success, then the refusals the group gives."""
    words = {"yes" if outcome.startswith("2") else outcome for outcome in outcomes}
    return " / ".join(word for word in CELL_ORDER if word in words)


def readme_table() -> str:
    """The README's table of what each role may do per endpoint group."""
    groups: dict[str, list[Api]] = {}
    for row in API:
        groups.setdefault(row.group, []).append(row)
    roles = ROLE_ORDER[:-1]
    lines = [
        "| endpoints | " + " | ".join(ROLE_WORDS[r] for r in roles) + " |",
        "|---" * (len(roles) + 1) + "|",
    ]
    for group, rows in groups.items():
        cells = [cell([row.expected()[role] for row in rows]) for role in roles]
        lines.append(f"| {group} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(readme_table())
