"""Headers: a Content-Security-Policy the admin, browsable API and docs work under (their
scripts are same-origin files), no-store on patient data, docs behind sign-in in production."""

from __future__ import annotations

import datetime
from html.parser import HTMLParser

import pytest
from django.conf import settings as django_settings
from django.test import Client
from rest_framework.test import APIClient

from assessments import catalogue, services
from tests.kneeclinic.test_settings_env import run_django


class Scripts(HTMLParser):
    """Every <script> of a page: its src, or the type and text of an inline one."""

    def __init__(self) -> None:
        super().__init__()
        self.sources: list[str] = []
        self.inline: list[tuple[str, str]] = []
        self._open: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag != "script":
            return
        attributes = dict(attrs)
        if attributes.get("src"):
            self.sources.append(attributes["src"] or "")
        else:
            self._open = attributes.get("type") or "text/javascript"
            self.inline.append((self._open, ""))

    def handle_data(self, data):
        if self._open is not None:
            kind, text = self.inline[-1]
            self.inline[-1] = (kind, text + data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._open = None


def scripts_of(html: str) -> Scripts:
    parser = Scripts()
    parser.feed(html)
    return parser


def policy(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    directives = [part.split() for part in header.split(";") if part.strip()]
    return {name: values for name, *values in directives}


def assert_scripts_run_under_the_policy(html: str) -> None:
    """Same-origin files only; an inline <script> is data (JSON), which CSP does not run."""
    scripts = scripts_of(html)
    assert scripts.sources, "the page loads scripts"
    for source in scripts.sources:
        assert source.startswith("/"), source  # same origin, no CDN
        assert not source.startswith("//"), source
    for kind, text in scripts.inline:
        assert kind == "application/json" or not text.strip(), (kind, text[:80])


@pytest.fixture
def browser(clinician) -> Client:
    client = Client()
    client.force_login(clinician)
    return client


def test_policy_allows_only_our_own_origin_for_scripts(db):
    response = Client().get("/admin/login/")
    directives = policy(response)
    assert directives["script-src"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]


@pytest.mark.parametrize(
    "path",
    [
        "/admin/login/",
        "/admin/",
        "/admin/patients/patient/",
        "/admin/patients/patient/add/",
        "/admin/assessments/assessment/add/",
        "/admin/patients/patient/{patient}/change/",
    ],
)
def test_admin_pages_carry_the_policy_and_load_same_origin_scripts(browser, patient, path):
    path = path.format(patient=patient.pk)
    response = (Client() if path == "/admin/login/" else browser).get(path)
    assert response.status_code == 200
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert_scripts_run_under_the_policy(response.content.decode())


def test_browsable_api_carries_the_policy_and_loads_same_origin_scripts(browser, patient):
    response = browser.get("/api/v1/patients/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "Content-Security-Policy" in response.headers
    assert_scripts_run_under_the_policy(response.content.decode())


SWAGGER_UI_FROM_THE_APP = django_settings.SPECTACULAR_SETTINGS.get("SWAGGER_UI_DIST") == "SIDECAR"


@pytest.mark.skipif(not SWAGGER_UI_FROM_THE_APP, reason="Swagger UI from the sidecar: api branch")
def test_docs_page_loads_its_start_up_script_as_a_same_origin_file(browser):
    page = browser.get("/api/v1/docs/")
    assert page.status_code == 200
    assert "Content-Security-Policy" in page.headers
    html = page.content.decode()
    assert_scripts_run_under_the_policy(html)
    start_up = [src for src in scripts_of(html).sources if "script" in src.split("?", 1)[-1]]
    assert start_up, "Swagger UI's start-up script comes from the app"
    script = browser.get(start_up[0])
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()


def test_api_json_is_no_store(api, patient):
    for path in ["/api/v1/patients/", f"/api/v1/patients/{patient.pk}/", "/api/v1/"]:
        response = api.get(path)
        assert response.status_code == 200
        assert response["Cache-Control"] == "no-store", path


def test_api_errors_are_no_store_too(db):
    assert APIClient().get("/api/v1/patients/")["Cache-Control"] == "no-store"


def test_pdfs_with_patient_data_are_no_store(api, clinician, patient):
    assessment = services.assessment_create(
        actor=clinician,
        patient=patient,
        assessed_on=datetime.date(2026, 3, 2),
        measurements=[
            services.MeasurementEntry(catalogue.normalize_measurement("ely_test", "left", True))
        ],
    )
    api.post(f"/api/v1/assessments/{assessment.pk}/program/")
    for name in ["handout.pdf", "report.pdf"]:
        response = api.get(f"/api/v1/assessments/{assessment.pk}/{name}")
        assert response.status_code == 200, name
        assert response["Content-Type"] == "application/pdf"
        assert response["Cache-Control"] == "no-store", name


@pytest.mark.parametrize("path", ["/api/v1/schema/", "/api/v1/docs/"])
def test_schema_and_docs_need_sign_in_when_not_public(settings, db, clinician, path):
    settings.API_DOCS_PUBLIC = False
    assert APIClient().get(path).status_code == 401
    signed_in = APIClient()
    signed_in.force_authenticate(clinician)
    assert signed_in.get(path).status_code == 200


def test_index_stays_public_when_docs_are_not(settings, db):
    settings.API_DOCS_PUBLIC = False
    assert APIClient().get("/api/v1/").status_code == 200


def docs_public(**env: str) -> str:
    code = "from django.conf import settings as s; print(s.API_DOCS_PUBLIC)"
    result = run_django(["shell", "--no-imports", "-c", code], DJANGO_SECRET_KEY="k" * 60, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_docs_are_behind_sign_in_in_production_and_open_in_development():
    assert docs_public() == "False"  # debug off: the production default
    assert docs_public(DJANGO_DEBUG="true") == "True"
    assert docs_public(API_DOCS_PUBLIC="true") == "True"


def test_deploy_check_prints_nothing_but_its_all_clear():
    key = "a-Strong-production-key-0123456789-abcdefghijklmnopqrstuvwxyz-XYZ"
    result = run_django(["check", "--deploy"], DJANGO_SECRET_KEY=key, DJANGO_DEBUG="false")
    assert result.returncode == 0
    assert result.stderr == ""
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def test_docs_page_without_sign_in_is_a_json_401(settings, db):
    """Every error body under /api/ is JSON (api.md), the docs' refusal included."""
    settings.API_DOCS_PUBLIC = False
    response = Client().get("/api/v1/docs/", HTTP_ACCEPT="text/html")
    assert response.status_code == 401
    assert response.json()["detail"]
