"""API tokens end when a password changes (sessions already do, through Django's auth hash)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from knox.models import AuthToken


def revoke_tokens_on_password_change(sender, instance, update_fields=None, **kwargs) -> None:
    """pre_save of the user: a new password hash revokes every API token of that user."""
    if instance.pk is None or (update_fields is not None and "password" not in update_fields):
        return
    stored = (
        get_user_model().objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    )
    if stored is not None and stored != instance.password:
        AuthToken.objects.filter(user_id=instance.pk).delete()
