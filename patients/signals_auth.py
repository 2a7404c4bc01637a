"""Sign-ins, failed sign-ins and sign-outs (admin and browsable API) in the audit trail."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from patients.models import AuditAction


def _channel(request) -> str:
    path = getattr(request, "path", "") or ""
    return "admin" if path.startswith("/admin/") else "api"


def on_sign_in(sender, request, user, **kwargs) -> None:
    from patients.services import audit_sign_in

    audit_sign_in(user=user, action=AuditAction.SIGN_IN, request=request, channel=_channel(request))


def on_sign_in_failed(sender, credentials, request=None, **kwargs) -> None:
    from patients.services import audit_sign_in

    audit_sign_in(
        username=str(credentials.get("username", "")),
        action=AuditAction.SIGN_IN_FAILED,
        request=request,
        channel=_channel(request),
    )


def on_sign_out(sender, request, user, **kwargs) -> None:
    from patients.services import audit_sign_in

    if user is not None:
        audit_sign_in(
            user=user, action=AuditAction.SIGN_OUT, request=request, channel=_channel(request)
        )


def connect() -> None:
    user_logged_in.connect(on_sign_in, dispatch_uid="audit_sign_in")
    user_login_failed.connect(on_sign_in_failed, dispatch_uid="audit_sign_in_failed")
    user_logged_out.connect(on_sign_out, dispatch_uid="audit_sign_out")
