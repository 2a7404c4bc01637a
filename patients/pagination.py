"""Page-number pagination with the page-size cap of ../shared/api.md, and the list's own
check that every query parameter means something (an unknown one is a 400, not ignored)."""

from __future__ import annotations

from rest_framework.exceptions import ValidationError
from rest_framework.filters import SearchFilter
from rest_framework.pagination import PageNumberPagination


def list_parameters(view, queryset, paginator: PageNumberPagination) -> list[str]:
    """The query parameters a list reads: pagination, search, its filters, and any the view
    declares in `extra_query_parameters` (e.g. `?clinic=` on exercises)."""
    pages = (paginator.page_query_param, paginator.page_size_query_param)
    names = [name for name in pages if name]
    backends = [backend_class() for backend_class in getattr(view, "filter_backends", [])]
    if getattr(view, "search_fields", None):
        names.extend(b.search_param for b in backends if isinstance(b, SearchFilter))
    for backend in backends:
        if hasattr(backend, "get_filterset_class"):
            filterset = backend.get_filterset_class(view, queryset)
            names.extend(filterset.base_filters if filterset else [])
    names.extend(getattr(view, "extra_query_parameters", ()))
    return list(dict.fromkeys(names))


class StandardPagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def paginate_queryset(self, queryset, request, view=None):
        if view is not None:
            allowed = list_parameters(view, queryset, self)
            unknown = [name for name in request.query_params if name not in allowed]
            if unknown:
                message = f"Unknown query parameter. Allowed: {', '.join(allowed)}."
                raise ValidationError({name: [message] for name in unknown})
        return super().paginate_queryset(queryset, request, view)
