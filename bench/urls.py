"""The real URLs, and under /bench/plain/ the same JSON from plain Django views (bench only)."""

from django.urls import path

from bench import plain_views
from kneeclinic.urls import urlpatterns as real

urlpatterns = [
    *real,
    path("bench/plain/patients/", plain_views.patient_list),
    path("bench/plain/assessments/", plain_views.assessment_create),
    path("bench/plain/assessments/<int:pk>/", plain_views.assessment_detail),
    path("bench/plain/assessments/<int:pk>/handout.pdf", plain_views.handout),
]
