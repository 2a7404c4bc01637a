"""Sign-in safety: lockout after repeated failures (API and admin), tokens per device,
hashed, expiring when idle, revoked by logout and by a password change; session expiry;
the per-user rate limit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from kneeclinic.signin import SignedInUserThrottle, client_address
from tests.conftest import PASSWORD
from tests.kneeclinic.test_api_auth import LOGOUT_URL, TOKEN_URL, sign_in, token_client

ADMIN_LOGIN = "/admin/login/"


@pytest.fixture(autouse=True)
def fresh_rate_counts():
    cache.clear()  # the rate limit counts in the cache, which outlives a test


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True


def fail_api(username: str = "clinician", address: str = "10.0.0.1"):
    return APIClient(REMOTE_ADDR=address).post(
        TOKEN_URL, {"username": username, "password": "not-the-password"}, format="json"
    )


def test_five_failures_lock_the_username_out_with_429_and_retry_after(axes_on, clinician):
    for _ in range(4):
        assert fail_api().status_code == 400
    fifth = fail_api()
    assert fifth.status_code == 429
    assert 14 * 60 < int(fifth.headers["Retry-After"]) <= 15 * 60
    assert "Try again in 15 minutes" in fifth.json()["detail"]
    # The right password does not get through during the lockout, from another address too.
    right = APIClient(REMOTE_ADDR="10.0.0.2").post(
        TOKEN_URL, {"username": "clinician", "password": PASSWORD}, format="json"
    )
    assert right.status_code == 429
    assert "token" not in right.json()


def test_four_failures_still_let_the_right_password_in(axes_on, clinician):
    for _ in range(4):
        assert fail_api().status_code == 400
    assert sign_in()


def test_five_failures_from_one_address_lock_that_address_out(axes_on, clinician, colleague):
    for name in ["a", "b", "c", "d", "e"]:
        fail_api(username=name, address="10.9.9.9")
    blocked = APIClient(REMOTE_ADDR="10.9.9.9").post(
        TOKEN_URL, {"username": "colleague", "password": PASSWORD}, format="json"
    )
    assert blocked.status_code == 429
    assert "Retry-After" in blocked.headers
    elsewhere = APIClient(REMOTE_ADDR="10.0.0.7").post(
        TOKEN_URL, {"username": "colleague", "password": PASSWORD}, format="json"
    )
    assert elsewhere.status_code == 200


def test_lockout_lifts_after_15_minutes(axes_on, clinician):
    for _ in range(5):
        fail_api()
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=15, seconds=1))
    assert sign_in()


def test_retry_after_counts_down_from_the_last_failure(axes_on, clinician):
    for _ in range(5):
        fail_api()
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=10))
    response = fail_api()
    assert response.status_code == 429
    # 15 minutes of cool-off, 10 of them gone: about 5 minutes (300 s) left.
    assert 290 <= int(response.headers["Retry-After"]) <= 300


def test_failed_and_successful_sign_ins_and_logouts_are_recorded(axes_on, clinician):
    fail_api()
    token = sign_in()
    assert token_client(token).post(LOGOUT_URL).status_code == 204
    failure = AccessFailureLog.objects.get()
    assert (failure.username, failure.ip_address) == ("clinician", "10.0.0.1")
    assert AccessLog.objects.filter(username="clinician").count() == 1


def admin_attempt(client: Client, password: str):
    return client.post(ADMIN_LOGIN, {"username": "clinician", "password": password})


def test_admin_login_locks_out_after_five_failures_with_a_page_saying_when(axes_on, clinician):
    client = Client()
    for _ in range(4):
        assert admin_attempt(client, "wrong").status_code == 200  # the form again, with errors
    locked = admin_attempt(client, "wrong")
    assert locked.status_code == 429
    assert 14 * 60 < int(locked.headers["Retry-After"]) <= 15 * 60
    page = locked.content.decode()
    assert "Try again in 15 minutes" in page
    assert "You can try again after" in page
    assert admin_attempt(Client(), PASSWORD).status_code == 429


def test_admin_login_with_the_right_password_signs_in(axes_on, clinician):
    response = admin_attempt(Client(), PASSWORD)
    assert response.status_code == 302


def test_token_is_stored_only_as_a_hash(clinician):
    token = sign_in()
    stored = AuthToken.objects.get(user=clinician)
    assert token not in {stored.digest, stored.token_key}
    assert len(stored.digest) == 128  # SHA-512, hex
    assert stored.token_key == token[:15]  # the lookup prefix, not enough to sign in


def test_each_device_gets_its_own_token_and_logout_ends_only_that_one(clinician):
    phone, laptop = sign_in(), sign_in()
    assert phone != laptop
    assert token_client(phone).post(LOGOUT_URL).status_code == 204
    assert token_client(phone).get("/api/v1/patients/").status_code == 401
    assert token_client(laptop).get("/api/v1/patients/").status_code == 200


def test_token_expires_after_12_hours_without_use(clinician):
    token = sign_in()
    stored = AuthToken.objects.get()
    expected = timezone.now() + timedelta(hours=12)
    assert abs(stored.expiry - expected) < timedelta(seconds=5)
    AuthToken.objects.update(expiry=timezone.now() - timedelta(seconds=1))
    response = token_client(token).get("/api/v1/patients/")
    assert response.status_code == 401
    assert "WWW-Authenticate" in response.headers


def test_using_a_token_moves_its_expiry_on(clinician):
    token = sign_in()
    AuthToken.objects.update(expiry=timezone.now() + timedelta(hours=1))
    assert token_client(token).get("/api/v1/patients/").status_code == 200
    expiry = AuthToken.objects.get().expiry
    assert expiry > timezone.now() + timedelta(hours=11, minutes=59)


def test_an_expired_token_is_deleted_when_it_is_tried(clinician):
    token = sign_in()
    AuthToken.objects.update(expiry=timezone.now() - timedelta(seconds=1))
    assert token_client(token).get("/api/v1/patients/").status_code == 401
    assert not AuthToken.objects.exists()


def test_a_request_reads_only_its_own_token(clinician):
    # knox itself reads every token of the user on each request to delete the expired ones;
    # the API checks only the token sent. The user's other expired tokens are never accepted
    # (each is refused and deleted when tried) and go at the next sign-in.
    phone, laptop = sign_in(), sign_in()
    AuthToken.objects.exclude(token_key=phone[:15]).update(
        expiry=timezone.now() - timedelta(seconds=1)
    )
    with CaptureQueriesContext(connection) as ctx:
        assert token_client(phone).get("/api/v1/patients/").status_code == 200
    token_reads = [q["sql"] for q in ctx.captured_queries if 'FROM "knox_authtoken"' in q["sql"]]
    assert len(token_reads) == 1 and '"token_key" =' in token_reads[0], token_reads
    assert AuthToken.objects.count() == 2  # the expired laptop token is still stored
    assert token_client(laptop).get("/api/v1/patients/").status_code == 401


def test_signing_in_deletes_the_users_expired_tokens(clinician, colleague):
    old, current, theirs = sign_in(), sign_in(), sign_in("colleague")
    AuthToken.objects.filter(token_key__in=[old[:15], theirs[:15]]).update(
        expiry=timezone.now() - timedelta(seconds=1)
    )
    new = sign_in()
    mine = set(AuthToken.objects.filter(user=clinician).values_list("token_key", flat=True))
    assert mine == {current[:15], new[:15]}
    assert AuthToken.objects.filter(user=colleague).count() == 1  # someone else's: theirs
    assert token_client(current).get("/api/v1/patients/").status_code == 200


def test_idle_time_comes_from_the_setting(clinician):
    assert settings.REST_KNOX["TOKEN_TTL"] == timedelta(hours=12)
    assert settings.REST_KNOX["AUTH_HEADER_PREFIX"] == "Token"


def test_password_change_revokes_every_token(clinician, colleague):
    mine, other_device, theirs = sign_in(), sign_in(), sign_in("colleague")
    clinician.set_password("a-new-long-password-2027")
    clinician.save()
    assert token_client(mine).get("/api/v1/patients/").status_code == 401
    assert token_client(other_device).get("/api/v1/patients/").status_code == 401
    assert token_client(theirs).get("/api/v1/patients/").status_code == 200


def test_saving_a_user_without_a_new_password_keeps_the_tokens(clinician):
    token = sign_in()
    clinician.first_name = "Maria"
    clinician.save()
    assert token_client(token).get("/api/v1/patients/").status_code == 200


def test_admin_password_change_revokes_tokens(admin_user, clinician):
    token = sign_in()
    client = Client()
    client.force_login(admin_user)
    response = client.post(
        f"/admin/auth/user/{clinician.pk}/password/",
        {"password1": "Another-long-one-2027", "password2": "Another-long-one-2027"},
    )
    assert response.status_code == 302
    assert token_client(token).get("/api/v1/patients/").status_code == 401


@pytest.mark.parametrize("password", ["short", "password123", "12345678901234", "{username}1"])
def test_admin_refuses_weak_passwords(admin_user, clinician, password):
    client = Client()
    client.force_login(admin_user)
    weak = password.format(username="clinician")
    change = client.post(
        f"/admin/auth/user/{clinician.pk}/password/", {"password1": weak, "password2": weak}
    )
    assert change.status_code == 200  # the form again, with the validator's message
    clinician.refresh_from_db()
    assert clinician.check_password(PASSWORD)
    weak = password.format(username="newcomer")
    add = client.post(
        "/admin/auth/user/add/",
        {"username": "newcomer", "password1": weak, "password2": weak, "usable_password": "true"},
    )
    assert add.status_code == 200
    assert not type(clinician).objects.filter(username="newcomer").exists()


def test_session_ends_after_30_minutes_idle():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST  # each request starts the 30 minutes again


def test_session_cookie_is_renewed_on_each_request(clinician):
    client = Client()
    client.force_login(clinician)
    response = client.get("/admin/")
    assert response.cookies["sessionid"]["max-age"] == 30 * 60


def test_signed_in_user_past_the_rate_gets_429(monkeypatch, clinician, colleague):
    monkeypatch.setattr(SignedInUserThrottle, "THROTTLE_RATES", {"user": "3/minute"})
    client = APIClient()
    client.force_authenticate(clinician)
    assert [client.get("/api/v1/patients/").status_code for _ in range(3)] == [200] * 3
    fourth = client.get("/api/v1/patients/")
    assert fourth.status_code == 429
    assert 0 < int(fourth.headers["Retry-After"]) <= 60
    other = APIClient()
    other.force_authenticate(colleague)
    assert other.get("/api/v1/patients/").status_code == 200  # per user


def test_rate_none_turns_the_limit_off(monkeypatch, clinician):
    monkeypatch.setattr(SignedInUserThrottle, "THROTTLE_RATES", {"user": None})
    client = APIClient()
    client.force_authenticate(clinician)
    assert {client.get("/api/v1/").status_code for _ in range(5)} == {200}
    assert {client.get("/api/v1/patients/").status_code for _ in range(5)} == {200}


def test_behind_a_proxy_the_client_address_is_the_one_the_proxy_saw(settings, rf):
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.2")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request) == "10.0.0.1"  # no proxy trusted: the header is ignored
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request) == "198.51.100.2"  # what our one proxy appended
    settings.TRUSTED_PROXY_COUNT = 3
    assert client_address(request) == "10.0.0.1"  # fewer addresses than proxies: not trusted


def test_token_sign_in_failure_and_logout_each_leave_one_audit_event(axes_on, clinician):
    from patients.models import AuditEvent

    fail_api(address="10.0.0.5")
    token = sign_in()
    assert token_client(token).post(LOGOUT_URL).status_code == 204
    events = list(
        AuditEvent.objects.filter(object_type="session")
        .order_by("id")
        .values_list("action", "username", "channel")
    )
    assert events == [
        ("sign_in_failed", "clinician", "api"),
        ("sign_in", "clinician", "api"),
        ("sign_out", "clinician", "api"),
    ]
