"""One JSON line per request: method, path with ids, status, duration and user id; no names.

The query string is never logged (a search names patients), and a path segment the URL
patterns did not expect (a name typed where an id goes) is masked.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable
from functools import cache

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import get_resolver

logger = logging.getLogger("kneeclinic.requests")
NUMBER = re.compile(r"\d+")
WORD = re.compile(r"[a-z][a-z0-9_.-]*")


@cache
def url_words() -> frozenset[str]:
    """Every literal word of the URL patterns (`api`, `assessments`, `handout.pdf`...)."""
    words: set[str] = set()
    pending = list(get_resolver().url_patterns)
    while pending:
        pattern = pending.pop()
        text = re.sub(r"<[^>]*>|\(\?P<[^>]*>[^)]*\)", "/", str(pattern.pattern))
        words.update(WORD.findall(text.replace("\\", "")))
        pending.extend(getattr(pattern, "url_patterns", []))
    return frozenset(words)


def _segment(segment: str, words: frozenset[str]) -> str:
    return segment if not segment or NUMBER.fullmatch(segment) or segment in words else "*"


def loggable_path(request: HttpRequest) -> str:
    """The path as requested, with ids, and `*` for any segment that might be free text."""
    path = request.path
    if path.startswith("/" + settings.STATIC_URL.strip("/") + "/"):
        return path
    words = url_words()
    return "/".join(_segment(segment, words) for segment in path.split("/"))


def _user_id(request: HttpRequest) -> int | None:
    user = getattr(request, "user", None)
    return user.pk if user is not None and user.is_authenticated else None


class RequestLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        line = {
            "method": request.method,
            "path": loggable_path(request),
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            "user_id": _user_id(request),
        }
        logger.info(json.dumps(line))
        return response
