"""manage.py explain_assessment ID: metrics and findings with their evidence, for support."""

from __future__ import annotations

import getpass

from django.core.management.base import BaseCommand, CommandError

from assessments import rules
from assessments.models import Assessment
from assessments.rule_input import assessment_input
from patients.models import AuditAction
from patients.services import audit_record


class Command(BaseCommand):
    help = "Print an assessment's metrics and findings with their explanations and sources."

    def add_arguments(self, parser):
        parser.add_argument("assessment_id", type=int)
        parser.add_argument(
            "--fresh",
            action="store_true",
            help="Evaluate the measurements now with the current ruleset instead of showing "
            "the stored findings (changes nothing).",
        )

    def handle(self, *args, assessment_id: int, fresh: bool, **options):
        assessment = (
            Assessment.objects.select_related("patient")
            .prefetch_related("measurements", "findings")
            .filter(pk=assessment_id)
            .first()
        )
        if assessment is None:
            raise CommandError(f"No assessment with id {assessment_id}.")
        # A read of patient data from the shell is attributable too: the login that ran it.
        audit_record(
            actor=None,
            action=AuditAction.VIEW,
            obj=assessment,
            detail=f"manage.py explain_assessment, run by {getpass.getuser()}",
            channel="command",
        )
        self._header(assessment, fresh)
        if fresh:
            evaluation = rules.evaluate(assessment_input(assessment))
            metrics = [(m.code, m.measurement, m.side, m.value, m.unit) for m in evaluation.metrics]
            findings = [self._line(f, f.severity, "(fresh)") for f in evaluation.findings]
        else:
            metrics = [
                (m["code"], m["measurement"], m["side"], m["value"], m["unit"])
                for m in assessment.metrics
            ]
            findings = [self._line(f, f.severity, f.status) for f in assessment.findings.all()]
        self.stdout.write("\nMetrics")
        for code, measurement, side, value, unit in metrics:
            what = " ".join(filter(None, [code, measurement, side]))
            self.stdout.write(f"  {what}: {value}{' ' + unit if unit else ''}")
        self.stdout.write(f"\nFindings ({len(findings)})")
        for line in findings:
            self.stdout.write(line)

    def _header(self, assessment: Assessment, fresh: bool) -> None:
        version = rules.RULESET_VERSION if fresh else assessment.ruleset_version
        self.stdout.write(
            f"Assessment {assessment.pk}: {assessment.patient}, {assessment.assessed_on}, "
            f"{assessment.status}, ruleset {version}, "
            f"{len(assessment.measurements.all())} measurements"
        )

    def _line(self, finding, severity: str, status: str) -> str:
        side = f" ({finding.side})" if finding.side else ""
        return (
            f"- {finding.code}{side}: {severity}, evidence {finding.evidence}, {status}\n"
            f"    {finding.explanation}\n"
            f"    source: {rules.cite(finding.source)}"
        )
