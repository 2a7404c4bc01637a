"""URL configuration: the admin and the REST API v1."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from kneeclinic.health import healthz, worker_healthz

admin.site.site_header = "KneeClinic"
admin.site.site_title = "KneeClinic"
admin.site.index_title = "Clinic records"

# JSON bodies under /api/ (api.md "Every error body under /api/ is JSON").
handler404 = "kneeclinic.errors.not_found"
handler500 = "kneeclinic.errors.server_error"


def not_found(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    raise Http404("No such page.")


urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    # Admin URLs are ASCII: an id such as "\u0661\u0662" (Arabic-Indic 12) is no page, never
    # the record Python's int() would read it as.
    re_path(r"^admin/.*[^\x00-\x7f]", not_found),
    path("admin/", admin.site.urls),
    path("api/v1/", include("kneeclinic.api_router")),
    path("healthz", healthz, name="healthz"),
    path("healthz/worker", worker_healthz, name="healthz-worker"),
    *static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT),
]
