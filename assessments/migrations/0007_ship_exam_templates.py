"""Ships the two exam-sheet templates; the codes are copied here, not imported."""

from django.db import migrations

IMBALANCE_SCREEN = [
    "knee_extensor_strength",
    "knee_flexor_strength",
    "hip_abductor_strength",
    "hip_adductor_strength",
    "hip_external_rotator_strength",
    "thomas_hip_angle",
    "ober_angle",
    "active_knee_extension",
    "knee_to_wall",
    "single_leg_squat_fppa",
    "knee_valgus_observed",
    "lateral_step_down_score",
    "trendelenburg_test",
]
FULL = [
    "knee_extensor_strength",
    "knee_flexor_strength",
    "hip_abductor_strength",
    "hip_adductor_strength",
    "hip_extensor_strength",
    "hip_external_rotator_strength",
    "hip_flexor_strength",
    "ankle_plantarflexor_strength",
    "ankle_dorsiflexor_strength",
    "thomas_hip_angle",
    "thomas_test",
    "thomas_knee_angle",
    "ely_test",
    "ober_angle",
    "ober_test",
    "active_knee_extension",
    "straight_leg_raise",
    "knee_to_wall",
    "single_leg_squat_fppa",
    "knee_valgus_observed",
    "lateral_step_down_score",
    "trendelenburg_test",
    "heel_lift_in_squat",
    "foot_progression_angle",
    "single_leg_heel_raise",
    "single_leg_hop",
    "y_balance_anterior",
]
SHIPPED = {"Knee: muscle imbalance screen": IMBALANCE_SCREEN, "Knee: full": FULL}


def ship(apps, schema_editor):
    ExamTemplate = apps.get_model("assessments", "ExamTemplate")
    for name, codes in SHIPPED.items():
        ExamTemplate.objects.update_or_create(clinic=None, name=name, defaults={"codes": codes})


def unship(apps, schema_editor):
    ExamTemplate = apps.get_model("assessments", "ExamTemplate")
    ExamTemplate.objects.filter(clinic=None, name__in=list(SHIPPED)).delete()


class Migration(migrations.Migration):
    dependencies = [("assessments", "0006_add_exam_template")]
    operations = [migrations.RunPython(ship, unship)]
