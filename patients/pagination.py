"""Page-number pagination with the page-size cap of ../shared/api.md, flat at any list size;
an unknown query parameter is a 400 naming the ones allowed, not ignored.

The shape stays `{"count", "next", "previous", "results"}` with `?page=` and `?page_size=`;
what changes is how it is worked out:

- A page reads one row more than it shows: that row says whether there is a next page, so
  `next` never needs the count.
- `count` costs nothing on a list that ends on the page read (the last page, or a short list),
  nor on a list whose page query counts its rows itself (`count_in_rows`: a name search).
  Otherwise it is exact up to EXACT_COUNT_UP_TO rows (a count stopped at that many rows, which
  the list's index serves), and past that, on PostgreSQL, the planner's estimate of the rows
  the list's query returns (from the table statistics, no scan; each process keeps it a
  minute per query, so paging through a list asks once). A clinic with tens of
  thousands of patients sees e.g. 19,870 for 20,000; paging never depends on it, because
  `next` comes from the extra row. Other databases count exactly.
- The query's order matches a partial index (patients by clinic and name, assessments by
  clinic and date), so a page is read in index order and never sorted. A deep page (from
  row LATE_ROWS_FROM on) first reads the ids of its rows from that index alone (an
  index-only scan skips the rows before it without touching the table or joining), then
  those few rows with their relations: page 500 costs about what page 1 does.
"""

from __future__ import annotations

import json
import time

from django.db import connections
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.filters import SearchFilter
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

EXACT_COUNT_UP_TO = 1000
LATE_ROWS_FROM = 200
DEEPEST_ROW = 10**9  # an offset past this is no page of any list (and would overflow a driver)
ESTIMATE_SECONDS = 60.0
ESTIMATES_KEPT = 512  # queries whose estimate a process keeps (then it starts again)
_estimates: dict[tuple, tuple[float, int]] = {}


def rows_at(queryset, offset: int, limit: int) -> list:
    """`limit` rows from `offset` in the queryset's order; deep ones by their ids first."""
    if offset < LATE_ROWS_FROM:
        read_page = getattr(queryset, "read_page", None)  # a name search found first
        if read_page is not None:
            return read_page(offset, limit)
        return list(queryset[offset : offset + limit])
    ids = list(queryset.values_list("pk", flat=True)[offset : offset + limit])
    return list(queryset.filter(pk__in=ids))


def counted_in(queryset, rows: list, offset: int) -> int | None:
    """The count the rows of a page carry (`count_in_rows` names the attribute: a window
    count, computed by the page's own query), when it is exact by the rule of `count_of`
    (under EXACT_COUNT_UP_TO); None when it must be counted."""
    attribute = getattr(queryset, "count_in_rows", None)
    if attribute is None or offset >= LATE_ROWS_FROM or not rows:
        return None  # a deep page's rows are read by their ids, without the window
    count = getattr(rows[0], attribute, None)
    return count if count is not None and count < EXACT_COUNT_UP_TO else None


def planner_estimate(queryset) -> int | None:
    """Rows PostgreSQL's planner expects the query to return, or None elsewhere. The answer
    follows the table statistics, which change only when the table is analyzed, so each
    process keeps it for ESTIMATE_SECONDS per query: paging a list asks the database once."""
    if connections[queryset.db].vendor != "postgresql":
        return None
    unordered = queryset.order_by()
    sql, params = unordered.query.sql_with_params()
    key: tuple | None = (queryset.db, sql, tuple(params))
    try:
        hash(key)
    except TypeError:  # a parameter that is not hashable (none of the lists has one)
        key = None
    now = time.monotonic()
    kept = _estimates.get(key) if key is not None else None
    if kept is not None and kept[0] > now:
        return kept[1]
    plan = json.loads(unordered.explain(format="json"))[0]["Plan"]
    rows = int(plan["Plan Rows"])
    if key is not None:
        if len(_estimates) >= ESTIMATES_KEPT:
            _estimates.clear()
        _estimates[key] = (now + ESTIMATE_SECONDS, rows)
    return rows


def list_parameters(view, queryset, paginator: PageNumberPagination) -> list[str]:
    """The query parameters a list reads: pagination, search, its filters, and any the view
    declares in `extra_query_parameters` (e.g. `?clinic=` on exercises)."""
    pages = (paginator.page_query_param, paginator.page_size_query_param)
    names = [name for name in pages if name]
    # Filters and search apply to a viewset's list; another paginated action (a patient's
    # audit trail) reads only the page.
    filtered = getattr(view, "action", None) in (None, "list")
    backend_classes = getattr(view, "filter_backends", []) if filtered else []
    backends = [backend_class() for backend_class in backend_classes]
    if getattr(view, "search_fields", None):
        names.extend(b.search_param for b in backends if isinstance(b, SearchFilter))
    for backend in backends:
        if hasattr(backend, "get_filterset_class"):
            filterset = backend.get_filterset_class(view, queryset)
            names.extend(filterset.base_filters if filterset else [])
    names.extend(getattr(view, "extra_query_parameters", ()))
    return list(dict.fromkeys(names))


class StandardPagination(PageNumberPagination):
    page_size: int = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def paginate_queryset(self, queryset, request, view=None):
        if view is not None:
            allowed = list_parameters(view, queryset, self)
            unknown = [name for name in request.query_params if name not in allowed]
            if unknown:
                message = f"Unknown query parameter. Allowed: {', '.join(allowed)}."
                raise ValidationError({name: [message] for name in unknown})
        self.request = request
        size = self.get_page_size(request) or self.page_size
        number = self.page_number_of(request, queryset, size)
        offset = (number - 1) * size
        rows = rows_at(queryset, offset, size + 1)
        if not rows and number > 1:
            raise NotFound(self.invalid_page_message)
        self.number, self.has_next = number, len(rows) > size
        rows = rows[:size]
        if self.has_next:
            self.count = counted_in(queryset, rows, offset)
            if self.count is None:
                self.count = self.count_of(queryset, at_least=offset + size + 1)
        else:
            self.count = offset + len(rows)
        return rows

    def page_number_of(self, request, queryset, size: int) -> int:
        value = request.query_params.get(self.page_query_param) or 1
        if value in self.last_page_strings:
            return max(1, -(-queryset.count() // size))
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise NotFound(self.invalid_page_message) from None
        if number < 1 or (number - 1) * size > DEEPEST_ROW:
            raise NotFound(self.invalid_page_message)
        return number

    def count_of(self, queryset, *, at_least: int) -> int:
        """Exact up to EXACT_COUNT_UP_TO, then the planner's estimate (never below what the
        pages read so far prove). A list may name the same rows in a form cheaper to count
        (`counted_as`: a name search that reads its page by ids found first)."""
        queryset = getattr(queryset, "counted_as", queryset)
        bounded = queryset.order_by()[:EXACT_COUNT_UP_TO].count()
        if bounded < EXACT_COUNT_UP_TO:
            return bounded
        estimate = planner_estimate(queryset)
        if estimate is None:
            return queryset.count()
        return max(estimate, at_least, EXACT_COUNT_UP_TO)

    def get_paginated_response(self, data):
        return Response(
            {
                "count": self.count,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_next_link(self):
        if not self.has_next or self.request is None:
            return None
        url = self.request.build_absolute_uri()
        return replace_query_param(url, self.page_query_param, self.number + 1)

    def get_previous_link(self):
        if self.number <= 1 or self.request is None:
            return None
        url = self.request.build_absolute_uri()
        if self.number == 2:
            return remove_query_param(url, self.page_query_param)
        return replace_query_param(url, self.page_query_param, self.number - 1)
