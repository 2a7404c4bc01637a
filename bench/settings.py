"""Settings for the HTTP benchmark: the production settings, plus the plain-Django floor URLs."""

from kneeclinic.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
