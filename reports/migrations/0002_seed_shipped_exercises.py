"""Seeds the shipped exercise catalogue (../shared/domain/exercises.md)."""

from django.db import migrations

from reports.exercise_catalogue import EXERCISES


def seed(apps, schema_editor):
    exercise_model = apps.get_model("reports", "Exercise")
    for spec in EXERCISES.values():
        exercise_model.objects.update_or_create(
            clinic=None,
            code=spec.code,
            defaults={
                "name": spec.name,
                "kind": spec.kind,
                "targets": ", ".join(spec.targets),
                "sets": spec.sets,
                "reps": spec.reps,
                "hold_seconds": spec.hold_seconds,
                "per_week": spec.per_week,
                "per_day": spec.per_day,
                "one_leg": spec.one_leg,
                "steps": list(spec.steps),
                "cue": spec.cue,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
