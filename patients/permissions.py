"""The Clinicians group: what a clinician may do in the admin (everything but delete)."""

from django.contrib.auth.models import Group, Permission

CLINICIAN_GROUP = "Clinicians"
CLINICAL_APPS = ["patients", "assessments", "progress", "reports"]
# Set up by whoever runs the clinic, not by clinicians in the admin.
ADMINISTRATIVE_MODELS = ["clinic", "membership", "auditevent"]


def clinician_permissions():
    return (
        Permission.objects.filter(content_type__app_label__in=CLINICAL_APPS)
        .exclude(codename__startswith="delete_")
        .exclude(content_type__model__in=ADMINISTRATIVE_MODELS, codename__regex=r"^(add|change)_")
    )


def sync_clinician_group(**kwargs) -> Group:
    """Runs after every migrate, so permissions of new models reach clinicians too."""
    group, _ = Group.objects.get_or_create(name=CLINICIAN_GROUP)
    group.permissions.set(clinician_permissions())
    return group
