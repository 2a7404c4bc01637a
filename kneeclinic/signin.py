"""Sign-in safety: the lockout answer (429 with Retry-After), client addresses, rate limits,
the API token check."""

from __future__ import annotations

import math
from datetime import timedelta

from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from drf_spectacular.contrib.knox_auth_token import KnoxTokenScheme
from knox.auth import TokenAuthentication
from knox.models import AuthToken
from knox.signals import token_expired
from rest_framework.permissions import BasePermission
from rest_framework.throttling import UserRateThrottle


def client_address(request: HttpRequest) -> str:
    """The caller's address: REMOTE_ADDR, or behind DJANGO_TRUSTED_PROXY_COUNT proxies the
    address the outermost of them saw (so one proxy's address never locks out a clinic)."""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [address for address in forwarded if address]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def lockout_remaining(request: HttpRequest, credentials: dict | None) -> timedelta:
    """Time until the lockout lifts: the cool-off after the latest counted failure of this
    username or this address."""
    cool_off = get_cool_off(request) or timedelta(0)
    now = timezone.now()
    username = get_client_username(request, credentials)
    address = getattr(request, "axes_ip_address", None) or client_address(request)
    latest = AccessAttempt.objects.filter(
        Q(username=username) | Q(ip_address=address), attempt_time__gte=now - cool_off
    ).aggregate(latest=Max("attempt_time"))["latest"]
    if latest is None:
        return cool_off
    return max(latest + cool_off - now, timedelta(seconds=1))


def lockout_response(request, original_response=None, credentials=None) -> HttpResponse:
    """django-axes' answer to a locked-out sign-in: a 429 with Retry-After, JSON under /api/,
    else a page that says when to try again."""
    remaining = lockout_remaining(request, credentials)
    seconds = math.ceil(remaining.total_seconds())
    minutes = math.ceil(seconds / 60)
    message = (
        f"Too many failed sign-ins. Try again in {minutes} minute{'s' if minutes != 1 else ''}."
    )
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse({"detail": message}, status=429)
    else:
        context = {"message": message, "retry_at": timezone.now() + remaining}
        response = render(request, "kneeclinic/locked_out.html", context, status=429)
    response["Retry-After"] = str(seconds)
    return response


class SignedInUserThrottle(UserRateThrottle):
    """API_USER_RATE requests per signed-in user (none: unlimited); anonymous requests are
    left to the sign-in lockout and the routes' own permissions."""

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)


class DocsAccess(BasePermission):
    """The schema and the docs: for signed-in users, or anyone in development
    (DEBUG) or where API_DOCS_PUBLIC says so."""

    def has_permission(self, request, view) -> bool:
        if settings.API_DOCS_PUBLIC:
            return True
        return bool(request.user and request.user.is_authenticated)


class ExpiringTokenAuthentication(TokenAuthentication):
    """knox's token check (the token by its key prefix, its digest compared, its expiry
    moved on when due) without knox's sweep on every request, which reads every token of
    the user to delete the expired ones: one query a request. Here a request checks only
    its own token: an expired one is deleted and refused (401), as knox does. The user's
    other expired tokens go at their next sign-in (`sweep_expired_tokens`), so they never
    pile up and none of them is ever accepted."""

    def _cleanup_token(self, auth_token) -> bool:
        if auth_token.expiry is not None and auth_token.expiry < timezone.now():
            username = auth_token.user.get_username()
            auth_token.delete()
            token_expired.send(sender=self.__class__, username=username, source="auth_token")
            return True
        return False


class ExpiringTokenScheme(KnoxTokenScheme):
    """The schema names it as knox's token (`knoxApiToken`): the same header, the same prefix."""

    target_class = "kneeclinic.signin.ExpiringTokenAuthentication"


def sweep_expired_tokens(user) -> int:
    """Deletes the user's expired API tokens (at sign-in); returns how many."""
    deleted, _ = AuthToken.objects.filter(user=user, expiry__lt=timezone.now()).delete()
    return deleted
