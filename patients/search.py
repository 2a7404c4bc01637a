"""Name search that ignores case and accents: one folding, used on write and on query."""

from __future__ import annotations

import unicodedata

# Letters that NFKD does not take apart into a base letter and a mark (the stroke of Ł, the
# slash of Ø are part of the letter), written as a reader would type them on a plain keyboard.
# Keys are lower case: text is case-folded first (casefold already turns ß into ss).
LETTERS_WITHOUT_DECOMPOSITION = str.maketrans(
    {
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "ħ": "h",
        "\u0131": "i",  # dotless i
        "ŀ": "l",
        "ŧ": "t",
        "þ": "th",
        "æ": "ae",
        "œ": "oe",
        "ß": "ss",
        "ŋ": "n",
        "ƒ": "f",
    }
)


def _mark_or_control(ch: str) -> bool:
    return unicodedata.combining(ch) != 0 or unicodedata.category(ch) == "Cc"


def fold(text: str) -> str:
    """Lower case, accents removed, whitespace collapsed: "Zoë  Müller-Łukasiewicz" reads
    "zoe muller-lukasiewicz". Control characters (a NUL from a query string) are dropped."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not _mark_or_control(ch))
    return " ".join(plain.translate(LETTERS_WITHOUT_DECOMPOSITION).split())


def patient_search_name(first_name: str, last_name: str) -> str:
    """What name search matches against: first and last name, folded."""
    return fold(f"{first_name} {last_name}")


def search_terms(query: str) -> list[str]:
    """The folded words of a search box: each must appear in the name."""
    return fold(query).split()
