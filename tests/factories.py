"""factory_boy factories for the models; state-bearing objects go through the services."""

from __future__ import annotations

import datetime

import factory
from django.contrib.auth import get_user_model

from patients.models import Clinic, Membership, Patient
from patients.search import patient_search_name


class ClinicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Clinic

    name = factory.Sequence(lambda n: f"Clinic {n}")
    phone = "+1 555 0100"
    email = factory.Sequence(lambda n: f"clinic{n}@example.org")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"clinician{n}")
    first_name = "Sam"
    last_name = factory.Sequence(lambda n: f"Physio{n}")
    is_staff = True
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def clinic(self, create, extracted, **kwargs):
        if create and extracted is not None:
            Membership.objects.create(user=self, clinic=extracted)
        if create:
            self.save()


class PatientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Patient

    clinic = factory.SubFactory(ClinicFactory)
    first_name = "Jamie"
    last_name = factory.Sequence(lambda n: f"Patient{n:03d}")
    date_of_birth = datetime.date(1990, 5, 17)
    sex = "female"
    # What patients.services.patient_create stores, for rows made without the service.
    search_name = factory.LazyAttribute(lambda p: patient_search_name(p.first_name, p.last_name))
