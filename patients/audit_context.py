"""Where a request came from, for the audit trail, without passing the request to services."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

client_address: ContextVar[str | None] = ContextVar("client_address", default=None)


def address_of(request: HttpRequest) -> str | None:
    """The client's address as the server saw it (behind a proxy: the proxy's; set
    SECURE_PROXY_SSL_HEADER and a trusted proxy to forward the real one)."""
    return request.META.get("REMOTE_ADDR") or None


class AuditContextMiddleware:
    """Remembers the client's address for the audit events the request leaves."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = client_address.set(address_of(request))
        try:
            return self.get_response(request)
        finally:
            client_address.reset(token)


AUDITED_PREFIXES = ("/api/", "/admin/")


class AuditDeniedMiddleware:
    """A signed-in user refused (403) or sent past their clinics (404) leaves an event."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            response.status_code in (403, 404)
            and request.path.startswith(AUDITED_PREFIXES)
            and getattr(user, "is_authenticated", False)
        ):
            from patients.services import audit_denied

            audit_denied(actor=user, request=request, status=response.status_code)
        return response
