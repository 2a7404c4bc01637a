"""JSON error bodies for everything under /api/ (api.md): unknown URLs, server faults, and any
HTML error page Django would otherwise send there."""

from __future__ import annotations

from http import HTTPStatus

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults

API_PREFIX = "/api/"
NOT_FOUND = "Not found: no such endpoint or object (ids are whole numbers)."
SERVER_FAULT = "The server could not complete this request; it has been logged."


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def json_error(status: int, detail: str | None = None) -> JsonResponse:
    return JsonResponse({"detail": detail or HTTPStatus(status).phrase + "."}, status=status)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler404: a JSON body under /api/, Django's page elsewhere (the admin)."""
    if is_api(request):
        return json_error(404, NOT_FOUND)
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: never an HTML page under /api/."""
    if is_api(request):
        return json_error(500, SERVER_FAULT)
    return defaults.server_error(request)


class ApiJsonErrorsMiddleware:
    """Replaces an HTML error page under /api/ with `{"detail": ...}`.

    Covers what the handlers above do not: Django's debug pages (`DJANGO_DEBUG=true` shows a
    technical 404 or 500 instead of calling them), CSRF failures and bad-request pages.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code < 400 or not is_api(request):
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        data = getattr(response, "data", None)  # a DRF answer rendered as HTML (browsable API)
        if isinstance(data, dict):
            replacement = JsonResponse(data, status=response.status_code)
        else:
            detail = {404: NOT_FOUND, 500: SERVER_FAULT}.get(response.status_code)
            replacement = json_error(response.status_code, detail)
        for header in ("WWW-Authenticate", "Retry-After", "Allow"):
            if header in response:
                replacement[header] = response[header]
        return replacement
