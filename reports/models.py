"""Exercises (shipped and clinic-owned), home programs and their items."""

from __future__ import annotations

import warnings
from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from assessments.models import Assessment
from patients.models import Clinic, clinic_ids_of

PICTURE_MAX_BYTES = 5 * 1024 * 1024
PICTURE_PRINT_PIXELS = 600  # about 5 cm at 300 dpi: print size for the handout
# Refused before decoding: a 12000 x 12000 PNG of a few KB would take over 500 MB to decode.
PICTURE_MAX_PIXELS = 40_000_000


class ExerciseKind(models.TextChoices):
    STRENGTHEN = "strengthen", "Strengthen"
    MOVEMENT = "movement", "Retrain movement"
    STRETCH = "stretch", "Stretch"
    RELEASE = "release", "Release (foam roll)"


class ProgramSide(models.TextChoices):
    LEFT = "left", "Left"
    RIGHT = "right", "Right"
    BOTH = "both", "Both"


def validate_picture_size(file) -> None:
    if file.size > PICTURE_MAX_BYTES:
        raise ValidationError(f"The picture is {file.size // 1024} KB; at most 5 MB is allowed.")


def refuse_huge_picture(image) -> None:
    """Checks the size the header states, before any pixel is decoded."""
    width, height = image.size
    if width * height > PICTURE_MAX_PIXELS:
        raise ValidationError(
            f"The picture is {width} x {height} pixels; at most 40 megapixels are allowed."
        )


def open_picture(file):
    """Image.open with its size checked: Pillow's decompression-bomb warning (past
    PICTURE_MAX_PIXELS, see ReportsConfig) is a refusal here, never a warning in a log."""
    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        image = Image.open(file)
    refuse_huge_picture(image)
    return image


def validate_picture_is_image(file) -> None:
    """The content must be a PNG or JPEG picture, whatever the file is called."""
    from PIL import Image, UnidentifiedImageError

    try:
        file.seek(0)
        with open_picture(file) as image:
            image.verify()
            kind = image.format
    except Image.DecompressionBombError as exc:
        raise ValidationError("The picture has over 40 megapixels; make it smaller.") from exc
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise ValidationError("Upload a valid image: PNG or JPEG.") from exc
    finally:
        file.seek(0)
    if kind not in ("PNG", "JPEG"):
        raise ValidationError(f"The picture is {kind}; upload a PNG or JPEG.")


# What a dosage may be: the one place these limits are written (fields, API, admin).
DOSAGE_LIMITS: dict[str, tuple[int, int]] = {
    "sets": (1, 10),
    "reps": (1, 100),
    "hold_seconds": (0, 600),
    "per_week": (1, 7),
    "per_day": (1, 5),
}
DOSAGE_FIELDS = tuple(DOSAGE_LIMITS)


def _between(field: str) -> list:
    low, high = DOSAGE_LIMITS[field]
    return [MinValueValidator(low), MaxValueValidator(high)]


class ExerciseQuerySet(models.QuerySet):
    def for_user(self, user) -> ExerciseQuerySet:
        """The shipped catalogue and the exercises of the user's clinics."""
        return self.filter(Q(clinic__isnull=True) | Q(clinic_id__in=clinic_ids_of(user)))

    def shipped(self) -> ExerciseQuerySet:
        return self.filter(clinic__isnull=True)

    def catalogue_for(self, clinic: Clinic) -> ExerciseQuerySet:
        """Shipped exercises plus the clinic's own; the clinic's copy replaces a shipped one."""
        own_codes = self.filter(clinic=clinic).values("code")
        return self.filter(Q(clinic=clinic) | Q(clinic__isnull=True) & ~Q(code__in=own_codes))


class Exercise(models.Model):
    clinic = models.ForeignKey(
        Clinic,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="exercises",
        help_text="Empty for the shipped catalogue; a clinic's own exercise or edited copy.",
    )
    code = models.SlugField(max_length=60)
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=12, choices=ExerciseKind.choices)
    targets = models.CharField(max_length=200, blank=True)
    sets = models.PositiveSmallIntegerField(validators=_between("sets"))
    reps = models.PositiveSmallIntegerField(validators=_between("reps"))
    hold_seconds = models.PositiveSmallIntegerField(default=0, validators=_between("hold_seconds"))
    per_week = models.PositiveSmallIntegerField(validators=_between("per_week"))
    per_day = models.PositiveSmallIntegerField(default=1, validators=_between("per_day"))
    one_leg = models.BooleanField(default=False, help_text="Done one leg at a time.")
    steps = models.JSONField(default=list, help_text="Numbered steps, in plain language.")
    cue = models.CharField("keep in mind", max_length=300)
    easier = models.SlugField(
        max_length=60,
        blank=True,
        help_text="Code of the easier exercise of its ladder (shipped or the clinic's own).",
    )
    harder = models.SlugField(
        max_length=60,
        blank=True,
        help_text="Code of the harder exercise of its ladder (shipped or the clinic's own).",
    )
    picture = models.ImageField(
        upload_to="exercises/",
        blank=True,
        validators=[
            FileExtensionValidator(["png", "jpg", "jpeg"]),
            validate_picture_size,
            validate_picture_is_image,
        ],
        help_text="PNG or JPEG, at most 5 MB; scaled down to print size when saved.",
    )
    based_on = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="clinic_copies"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ExerciseQuerySet.as_manager()

    class Meta:
        ordering = ["code", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=Q(clinic__isnull=True), name="exercise_shipped_code"
            ),
            models.UniqueConstraint(
                fields=["clinic", "code"],
                condition=Q(clinic__isnull=False),
                name="exercise_clinic_code",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ExerciseKind.values), name="exercise_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(
                    sets__gte=1, reps__gte=1, per_week__gte=1, per_week__lte=7, per_day__gte=1
                ),
                name="exercise_dosage_positive",
            ),
        ]

    def __str__(self) -> str:
        owner = self.clinic.name if self.clinic is not None else "shipped"
        return f"{self.name} ({owner})"

    @property
    def owning_clinic_id(self) -> int | None:
        return self.clinic_id

    @property
    def is_shipped(self) -> bool:
        return self.clinic_id is None

    def clean(self) -> None:
        if not isinstance(self.steps, list) or not all(
            isinstance(step, str) and step.strip() for step in self.steps
        ):
            raise ValidationError({"steps": "Steps must be a list of non-empty sentences."})


def scaled_picture(upload):
    """The upload scaled down to print size, so handouts render fast (exercises.md)."""

    upload.seek(0)
    with open_picture(upload) as image:
        image.load()
        fmt = "PNG" if image.format == "PNG" else "JPEG"
        image.thumbnail((PICTURE_PRINT_PIXELS, PICTURE_PRINT_PIXELS))
        if fmt == "JPEG" and image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        out = BytesIO()
        image.save(out, format=fmt, optimize=True)
    name = upload.name.rsplit("/", 1)[-1].rsplit(".", 1)[0] + (".png" if fmt == "PNG" else ".jpg")
    return ContentFile(out.getvalue(), name=name)


class HomeProgramQuerySet(models.QuerySet):
    def for_user(self, user) -> HomeProgramQuerySet:
        return self.filter(assessment__clinic_id__in=clinic_ids_of(user))


WEEKS_UNTIL_NEXT_VISIT = (1, 12)  # the handout's tick log spans these weeks


class HomeProgram(models.Model):
    assessment = models.OneToOneField(
        Assessment, on_delete=models.PROTECT, related_name="home_program"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    weeks_until_next_visit = models.PositiveSmallIntegerField(
        default=6,
        validators=[
            MinValueValidator(WEEKS_UNTIL_NEXT_VISIT[0]),
            MaxValueValidator(WEEKS_UNTIL_NEXT_VISIT[1]),
        ],
        help_text="1 to 12: the handout's tick log spans these weeks.",
    )
    show_understanding_page = models.BooleanField(
        default=True, help_text='The handout prints "Understanding your knee".'
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = HomeProgramQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(weeks_until_next_visit__gte=1, weeks_until_next_visit__lte=12),
                name="home_program_weeks_in_range",
            )
        ]

    def __str__(self) -> str:
        return f"Home program for {self.assessment}"

    @property
    def patient(self):
        return self.assessment.patient

    @property
    def owning_clinic_id(self) -> int:
        return self.assessment.clinic_id


class ProgramExerciseQuerySet(models.QuerySet):
    def for_user(self, user) -> ProgramExerciseQuerySet:
        return self.filter(program__assessment__clinic_id__in=clinic_ids_of(user))


class ProgramExercise(models.Model):
    """One exercise of a home program, with the dosage the clinician settled on."""

    program = models.ForeignKey(HomeProgram, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(default=0)
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="+")
    sets = models.PositiveSmallIntegerField(validators=_between("sets"))
    reps = models.PositiveSmallIntegerField(validators=_between("reps"))
    hold_seconds = models.PositiveSmallIntegerField(default=0, validators=_between("hold_seconds"))
    per_week = models.PositiveSmallIntegerField(validators=_between("per_week"))
    per_day = models.PositiveSmallIntegerField(default=1, validators=_between("per_day"))
    side = models.CharField(max_length=5, choices=ProgramSide.choices, default=ProgramSide.BOTH)
    notes = models.CharField(max_length=500, blank=True)
    reason = models.JSONField(default=list, blank=True, help_text="Finding codes it addresses.")
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Counts changes; the API's ETag."
    )

    objects = ProgramExerciseQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(side__in=ProgramSide.values), name="program_item_side_valid"
            ),
            models.CheckConstraint(
                condition=Q(
                    sets__gte=1, reps__gte=1, per_week__gte=1, per_week__lte=7, per_day__gte=1
                ),
                name="program_item_dosage_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.exercise.name}: {self.sets} x {self.reps}"

    @property
    def owning_clinic_id(self) -> int:
        return self.program.assessment.clinic_id


class ItemResponseChoice(models.TextChoices):
    """How an item of the previous program went, as the clinician records it (progress.md)."""

    TOO_EASY = "too_easy", "Too easy"
    RIGHT = "right", "About right"
    TOO_HARD = "too_hard", "Too hard"
    FLARE = "flare", "Flare-up (worse next day)"
    NOT_DONE = "not_done", "Not done"


class ItemResponseQuerySet(models.QuerySet):
    def for_user(self, user) -> ItemResponseQuerySet:
        return self.filter(assessment__clinic_id__in=clinic_ids_of(user))


class ItemResponse(models.Model):
    """The response to one item of the previous program, recorded at the follow-up visit."""

    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.PROTECT,
        related_name="item_responses",
        help_text="The follow-up visit that records it.",
    )
    item = models.ForeignKey(
        ProgramExercise,
        on_delete=models.PROTECT,
        related_name="responses",
        help_text="The item of the previous program.",
    )
    response = models.CharField(max_length=10, choices=ItemResponseChoice.choices)
    days_done_per_week = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(7)],
        help_text="From the patient's tick log, 0-7.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ItemResponseQuerySet.as_manager()

    class Meta:
        ordering = ["assessment_id", "item__position", "item_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "item"], name="item_response_one_per_item"
            ),
            models.CheckConstraint(
                condition=Q(response__in=ItemResponseChoice.values),
                name="item_response_response_valid",
            ),
            models.CheckConstraint(
                condition=Q(days_done_per_week__isnull=True) | Q(days_done_per_week__lte=7),
                name="item_response_days_done_0_7",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_response_display()} for item {self.item_id}"

    @property
    def owning_clinic_id(self) -> int:
        return self.assessment.clinic_id


class IssuedHandoutQuerySet(models.QuerySet):
    def for_user(self, user) -> IssuedHandoutQuerySet:
        return self.filter(assessment__clinic_id__in=clinic_ids_of(user))


class IssuedHandout(models.Model):
    """A handout as it was handed to the patient: the very bytes, whatever changed since
    (the program, the clinic's exercises, the clinic's details). Never changed or deleted."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="issued_handouts"
    )
    number = models.PositiveIntegerField(help_text="1 for the first version handed out.")
    issued_at = models.DateTimeField(default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    page_size = models.CharField(max_length=6)
    sha256 = models.CharField(max_length=64)
    content = models.BinaryField()
    exercises = models.JSONField(default=list, help_text="The exercises as printed (names).")

    objects = IssuedHandoutQuerySet.as_manager()

    class Meta:
        ordering = ["assessment_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "number"], name="issued_handout_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"Handout {self.number} for {self.assessment}"

    @property
    def owning_clinic_id(self) -> int:
        return self.assessment.clinic_id


# Print batches live in their own module; importing them here registers them with the app.
from reports.batches import PrintBatch, PrintBatchItem  # noqa: E402, F401
