"""manage.py create_clinician USERNAME --clinic NAME: a clinician who can use admin and API."""

from __future__ import annotations

import getpass
import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from patients.services import clinician_create


class Command(BaseCommand):
    help = "Create a clinician (and the clinic if needed) who can sign in to the admin and API."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--clinic", required=True, help="Clinic name (created if new).")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--role",
            default="clinician",
            choices=["clinician", "clinic_admin", "assistant"],
            help="The member's role in the clinic (default clinician).",
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_true",
            help="Read the password from CLINICIAN_PASSWORD instead of prompting.",
        )

    def handle(
        self, *args, username: str, clinic: str, email: str, noinput: bool, role: str, **options
    ):
        password = self._password(noinput)
        try:
            user, clinic_obj, created = clinician_create(
                username=username, password=password, clinic_name=clinic, email=email, role=role
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        made = "new clinic" if created else "existing clinic"
        self.stdout.write(
            self.style.SUCCESS(f"Created {role} {user.username!r} in {made} {clinic_obj.name!r}.")
        )

    def _password(self, noinput: bool) -> str:
        if noinput:
            password = os.environ.get("CLINICIAN_PASSWORD", "")
            if not password:
                raise CommandError("With --noinput, set the password in CLINICIAN_PASSWORD.")
            return password
        try:
            first = getpass.getpass("Password: ")
            second = getpass.getpass("Password (again): ")
        except (EOFError, KeyboardInterrupt) as exc:
            raise CommandError("No password given; use --noinput with CLINICIAN_PASSWORD.") from exc
        if first != second:
            raise CommandError("The two passwords do not match.")
        return first
