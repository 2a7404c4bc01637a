"""Request limits and response headers that hold for every view: body size, no-store."""

from __future__ import annotations

import re
from collections.abc import Callable
from io import BytesIO

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

# Where a picture is uploaded: the admin's exercise form (a 5 MB picture plus its form).
PICTURE_UPLOAD_PATHS = re.compile(r"^/admin/reports/exercise/")
FORM_OVERHEAD_BYTES = 64 * 1024


def body_limit(path: str) -> int:
    if PICTURE_UPLOAD_PATHS.match(path):
        return settings.PICTURE_BODY_LIMIT_BYTES + FORM_OVERHEAD_BYTES
    return settings.REQUEST_BODY_LIMIT_BYTES


def too_large(request: HttpRequest, limit: int) -> HttpResponse:
    megabytes = limit // (1024 * 1024)
    message = f"The request body is larger than {megabytes} MB."
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=413)
    return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")


class RequestBodyLimitMiddleware:
    """413 for a body over 1 MB (a picture upload: 5 MB) before any parser sees it, by its
    Content-Length and by what the body holds: DRF's JSON parser reads the stream directly,
    past DATA_UPLOAD_MAX_MEMORY_SIZE."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = body_limit(request.path)
        length = request.META.get("CONTENT_LENGTH") or "0"
        if not length.isascii() or not length.isdigit():
            return JsonResponse({"detail": "Content-Length must be a number."}, status=400)
        if int(length) > limit:
            return too_large(request, limit)
        if hasattr(request, "_stream"):
            # Read once, at most one byte past the limit, whatever the server streams.
            body = request._stream.read(limit + 1)
            if len(body) > limit:
                return too_large(request, limit)
            request._stream = BytesIO(body)
        return self.get_response(request)


class NoNulInQueryMiddleware:
    """400 for a NUL character in the query string: PostgreSQL cannot compare text with it,
    so an admin search, an autocomplete or an API filter would otherwise fail with a 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if any("\x00" in key or "\x00" in value for key, value in _query_items(request)):
            message = "Query parameters may not contain NUL characters."
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


def _query_items(request: HttpRequest):
    for key, values in request.GET.lists():
        for value in values:
            yield key, value


class NoStoreApiMiddleware:
    """Patient data is never kept by a browser or proxy cache: `Cache-Control: no-store` on
    every answer under /api/, the PDFs included (the admin's views are never_cache already)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith("/api/"):
            response["Cache-Control"] = "no-store"
        return response
