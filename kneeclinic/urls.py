"""URL configuration: the admin and the REST API v1."""

from django.contrib import admin
from django.urls import path

admin.site.site_header = "KneeClinic"
admin.site.site_title = "KneeClinic"
admin.site.index_title = "Clinic records"

urlpatterns = [
    path("admin/", admin.site.urls),
]
