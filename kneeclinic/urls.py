"""URL configuration: the admin and the REST API v1."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from kneeclinic.health import healthz, worker_healthz

admin.site.site_header = "KneeClinic"
admin.site.site_title = "KneeClinic"
admin.site.index_title = "Clinic records"

# JSON bodies under /api/ (api.md "Every error body under /api/ is JSON").
handler404 = "kneeclinic.errors.not_found"
handler500 = "kneeclinic.errors.server_error"

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    path("admin/", admin.site.urls),
    path("api/v1/", include("kneeclinic.api_router")),
    path("healthz", healthz, name="healthz"),
    path("healthz/worker", worker_healthz, name="healthz-worker"),
    *static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT),
]
