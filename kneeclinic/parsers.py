"""The API's JSON parser: DRF's, refusing JSON nested deeper than JSON_MAX_DEPTH (a 400)."""

from __future__ import annotations

import re

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser
from rest_framework.utils import json

JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
BRACKET = re.compile(r"[\[\]{}]")


def nesting_depth(text: str) -> int:
    """How deep arrays and objects nest, counted on the text with its strings left out, so a
    document is measured before the decoder recurses into it."""
    depth = deepest = 0
    for match in BRACKET.finditer(JSON_STRING.sub("", text)):
        depth += 1 if match.group() in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


class BoundedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        raw = stream.read() if stream is not None else b""
        try:
            text = raw.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise ParseError(f"JSON parse error - {exc}") from exc
        limit = settings.JSON_MAX_DEPTH
        if nesting_depth(text) > limit:
            raise ParseError(f"JSON nested deeper than {limit} levels is not accepted.")
        try:
            return json.loads(text, parse_constant=json.strict_constant)
        except (ValueError, RecursionError) as exc:
            raise ParseError(f"JSON parse error - {exc}") from exc
