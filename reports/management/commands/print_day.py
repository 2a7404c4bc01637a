"""manage.py print_day --date D [--clinic NAME] [--user USERNAME] --output FILE: a day's handouts.

Prints in this process (no worker needed) through the same code as the queue, and writes
the merged PDF. The audit trail names --user, or the `print_day` service account (inactive:
it cannot sign in), made a clinician of the clinic it prints for.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from patients.models import Clinic, Membership, Role
from patients.roles import Right, has_right
from reports import printing
from reports.batches import PrintOutcome

SERVICE_ACCOUNT = "print_day"


def service_account(clinic: Clinic):
    """An account that cannot sign in, so the audit trail says who printed: this command.

    It is a clinician of the clinics it prints for (handouts need the clinical right).
    """
    user, created = get_user_model().objects.get_or_create(
        username=SERVICE_ACCOUNT, defaults={"is_active": False, "first_name": "print_day"}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    Membership.objects.get_or_create(user=user, clinic=clinic, defaults={"role": Role.CLINICIAN})
    return user


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"--date must be YYYY-MM-DD; got {text!r}.") from exc


class Command(BaseCommand):
    help = "Print the handouts of a clinic's visits on a date into one PDF file."

    def add_arguments(self, parser):
        parser.add_argument("--date", required=True, type=_day, help="YYYY-MM-DD")
        parser.add_argument("--clinic", help="The clinic's name (needed with several clinics).")
        parser.add_argument("--user", help="Who prints (a member of the clinic), for the audit.")
        parser.add_argument("--output", required=True, type=Path, help="The PDF file to write.")
        parser.add_argument("--include-reports", action="store_true")

    def handle(self, *args, date: date, clinic, user, output: Path, include_reports, **options):
        the_clinic = self._clinic(clinic)
        actor = self._actor(user, the_clinic)
        try:
            batch = printing.print_batch_create(
                actor=actor,
                clinic=the_clinic,
                visit_date=date,
                include_reports=include_reports,
                channel="command",
            )
        except printing.PrintRequestInvalid as error:
            raise CommandError(error.message) from error
        batch = printing.print_batch_run(batch)
        for item in batch.items.exclude(outcome=PrintOutcome.PRINTED):
            self.stdout.write(f"assessment {item.assessment_id}: {item.detail}")
        if not batch.pdf:
            raise CommandError("Nothing could be printed for that day (see above).")
        with batch.pdf.open("rb") as merged:
            output.write_bytes(merged.read())
        self.stdout.write(
            f"{output}: {batch.pages} pages, {batch.total} visits ({the_clinic.name}, {date})."
        )

    def _clinic(self, name: str | None) -> Clinic:
        clinics = Clinic.objects.filter(name=name) if name else Clinic.objects.all()
        found = list(clinics[:2])
        if len(found) == 1:
            return found[0]
        if name:
            raise CommandError(f"No clinic named {name!r}.")
        raise CommandError("Several clinics: name one with --clinic.")

    def _actor(self, username: str | None, clinic: Clinic):
        if username is None:
            return service_account(clinic)
        actor = get_user_model().objects.filter(username=username).first()
        if actor is None or not clinic.memberships.filter(user=actor).exists():
            raise CommandError(f"{username!r} is not a member of {clinic.name}.")
        if not has_right(actor, Right.CLINICAL, clinic.pk):
            raise CommandError(f"{username!r} may not print handouts at {clinic.name}.")
        return actor
