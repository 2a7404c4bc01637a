"""A request reads the user's memberships once: the clinic ids that scope every list and the
roles that every right check asks for come from one query, kept for the request's life.

Outside a request (commands, Celery tasks, services called directly) nothing is kept, so
each call reads the database as before. A membership written during a request (a role
changed, a member added or removed: `Membership` post_save / post_delete) drops what the
request kept, so a later check in the same request reads the new role.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

# user id -> {clinic id: role}, while a request runs; None outside one
_kept: ContextVar[dict[int, dict[int, str]] | None] = ContextVar("memberships", default=None)


def kept_roles(user_id: int) -> dict[int, str] | None:
    kept = _kept.get()
    return None if kept is None else kept.get(user_id)


def keep_roles(user_id: int, roles: dict[int, str]) -> None:
    kept = _kept.get()
    if kept is not None:
        kept[user_id] = roles


def forget_memberships(**kwargs) -> None:
    """Drops what the current request kept (a membership was written)."""
    kept = _kept.get()
    if kept is not None:
        kept.clear()


class RequestMembershipsMiddleware:
    """Keeps each user's memberships for the length of one request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _kept.set({})
        try:
            return self.get_response(request)
        finally:
            _kept.reset(token)
