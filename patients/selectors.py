"""Shared reads of patients: each starts from `for_user`, scoped by the user's clinic ids."""

from __future__ import annotations

from django.db import connections
from django.db.models import BooleanField, Count, F, Func, Q, QuerySet, Subquery, Window

from patients.models import AuditEvent, Clinic, Patient, PatientQuerySet
from patients.pagination import planner_estimate
from patients.search import search_terms

TRIGRAM = 3  # pg_trgm narrows a LIKE only by words of at least three letters
FEW_MATCHES = 500  # matches the planner expects, up to which a search finds them first


def patient_list(*, user) -> PatientQuerySet:
    """The patients of the user's clinics in the documented order (api.md)."""
    return Patient.objects.for_user(user).order_by("last_name", "first_name", "id")


def name_matches(query: str) -> Q:
    """Patients whose name holds every word of `query`, ignoring case and accents
    ("muller zoe" finds Zoë Müller-Łukasiewicz). A trigram index serves it on PostgreSQL."""
    condition = Q()
    for term in search_terms(query):
        condition &= Q(search_name__contains=term)
    return condition


class AmongIdsFoundFirst(Func):
    """`pk = ANY(ARRAY(subquery))`: PostgreSQL runs the subquery once, whole, before the
    query (an InitPlan), so the query reads only those rows by primary key. Unlike `IN
    (subquery)`, which the planner may turn into a join walked from the other side."""

    output_field = BooleanField()

    def as_sql(self, compiler, connection, function=None, template=None, arg_joiner=None, **extra):
        column, subquery = self.get_source_expressions()
        column_sql, column_params = compiler.compile(column)
        subquery_sql, subquery_params = compiler.compile(subquery)
        return f"{column_sql} = ANY(ARRAY{subquery_sql})", (*column_params, *subquery_params)


def name_search(queryset: QuerySet, query: str) -> QuerySet:
    """`queryset` narrowed to the names matching `query` (name_matches), its order kept.

    On PostgreSQL, when the planner expects few matches (up to FEW_MATCHES), they are found
    first and whole (from the trigram index), then read by id and sorted. Left alone, the
    planner walks the list's name-order index from "A" and filters, expecting a name's
    matches to be spread through the alphabet; a surname's sit together, so "muller" read
    12,662 rows of a clinic of 20,000 before its first page (README "Scale"). Many expected
    matches ("son", "ann": in names all through the alphabet) are met early in name order,
    so those searches, and words of one or two letters (which the trigram index cannot
    narrow), keep the plain filter. The rows found first carry how many they are
    (`COUNT(*) OVER ()`, `count_in_rows`: PostgreSQL has read every match for the sort
    anyway), so a page of a search needs no count query; a deep page (read by its ids) counts
    the plain filter (`counted_as`), which the trigram index serves.
    """
    matches = queryset.filter(name_matches(query))
    if connections[queryset.db].vendor != "postgresql":
        return matches
    if not any(len(term) >= TRIGRAM for term in search_terms(query)):
        return matches
    if (planner_estimate(matches) or 0) > FEW_MATCHES:
        return matches
    ids = Subquery(matches.order_by().values("pk"))
    found_first = queryset.filter(AmongIdsFoundFirst(F("pk"), ids))
    found_first = found_first.annotate(matches_found=Window(Count("pk")))
    # Read by patients/pagination.py: a first page's rows (and their count), a deep page's
    # count.
    found_first.count_in_rows = "matches_found"
    found_first.counted_as = matches
    found_first.read_page = PageFoundFirst(queryset, matches)
    return found_first


PAGE_FOUND_FIRST_SQL = """SELECT listed.*, found.total AS matches_found
FROM (
    SELECT sorted.ids[%s:%s] AS page, cardinality(sorted.ids) AS total
    FROM (SELECT ARRAY({ordered_ids}) AS ids OFFSET 0) AS sorted
) AS found
CROSS JOIN LATERAL unnest(found.page) WITH ORDINALITY AS shown(id, n)
JOIN {table} AS listed ON listed.{pk} = shown.id
ORDER BY shown.n
"""


class PageFoundFirst:
    """A page of a name search found first, in one statement: the ids of every match sorted
    in the list's order (an InitPlan served by the trigram index), their number, and only the
    page's rows read by primary key. The form `pk = ANY(ARRAY(...))` read all the matching
    rows twice (once to find them, once by id to sort them: 245 rows for a page of 20);
    this reads them once and then the page's rows. `OFFSET 0` keeps PostgreSQL from inlining
    the array twice (once for the page, once for the count). The rows are built as raw rows
    of the queryset's model: a `select_related` or `only` of the queryset would not apply
    (the patient list has neither)."""

    def __init__(self, queryset: QuerySet, matches: QuerySet):
        self.queryset = queryset
        ordered_ids, self.params = matches.values("pk").query.sql_with_params()
        quote = connections[queryset.db].ops.quote_name
        meta = queryset.model._meta
        self.sql = PAGE_FOUND_FIRST_SQL.format(
            ordered_ids=ordered_ids, table=quote(meta.db_table), pk=quote(meta.pk.column)
        )

    def __call__(self, offset: int, limit: int) -> list:
        """`limit` rows from `offset`, each with `matches_found` (the count of all matches)."""
        params = [offset + 1, offset + limit, *self.params]
        return list(self.queryset.raw(self.sql, params))


def clinics_of(*, user):
    return Clinic.objects.for_user(user).order_by("name", "id")


def audit_trail(*, user):
    return AuditEvent.objects.for_user(user).select_related("user", "patient")


def patient_audit_trail(*, patient: Patient):
    """Every event on one patient, newest first (read only by clinic admins)."""
    return AuditEvent.objects.filter(patient=patient).order_by("-at", "-id")
