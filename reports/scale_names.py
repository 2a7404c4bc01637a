"""Names for the synthetic clinics of `load_scale`, varied as a real clinic's are: a few
thousand surnames on a skewed (Zipf-Mandelbrot) curve, so a handful are common (the most
common, Müller, is about 1.2% of patients, as Smith is in England) and most are rare, and the
same for first names over a smaller pool. The tables are fixed, so a seed repeats a load."""

from __future__ import annotations

import random
from itertools import accumulate, product

# The common surnames first (rank 1 is the most common); accents and hyphens kept, so search
# folding is exercised at scale. "Müller-Łukasiewicz" is rare: it sits deep in the tail.
COMMON_LAST_NAMES = (
    "Müller", "Smith", "García", "Nowak", "Jones", "Rossi", "Patel", "Nguyễn", "Kim", "Silva",
    "Chen", "Kowalski", "Hernández", "Fernández", "Andersson", "Dubois", "Moreau", "Berg",
    "Schröder", "Weiß", "Byrne", "O'Brien", "Ferreira", "Y\u0131lmaz", "Çelik", "Şahin",
    "Okafor", "Haddad", "Papadopoulos", "Jovanović", "Kovačević", "Đorđević", "Dvořák",
    "Lefèvre", "Mäkinen", "Lindqvist", "Björklund", "Åberg", "Zieliński", "Włodarczyk",
    "Ødegård", "Søndergaard", "Núñez", "Brontë", "Łukasiewicz", "Ó Súilleabháin",
)  # fmt: skip
RARE_LAST_NAMES = ("Müller-Łukasiewicz",)
# The tail: stems and endings from many languages, every pairing a surname.
_STEMS = (
    "Abel", "Adler", "Alder", "Ander", "Ash", "Bald", "Bart", "Beck", "Bel", "Bern", "Birk",
    "Black", "Bran", "Brock", "Cald", "Carl", "Castel", "Cor", "Dal", "Dan", "Dor", "Eck",
    "Eng", "Fair", "Fal", "Fern", "Fisch", "Frank", "Gal", "Gold", "Gran", "Grun", "Hal",
    "Ham", "Hart", "Hel", "Hol", "Horn", "Ivan", "Jak", "Jen", "Kal", "Kar", "Kirk", "Kol",
    "Kras", "Lam", "Lan", "Lev", "Lind", "Lor", "Mal", "Mar", "Mend", "Mil", "Mor", "Nad",
    "Nel", "Nor", "Ols", "Os", "Pal", "Pav", "Pet", "Pol", "Rad", "Ram", "Ren", "Ros", "Sal",
    "Sand", "Sor", "Stan", "Stein", "Tal", "Tor", "Val", "Vas", "Wal", "Wil", "Wolf", "Zel",
)  # fmt: skip
_ENDINGS = (
    "son", "sen", "sson", "ski", "ska", "mann", "berg", "ström", "ez", "ović", "escu", "ian",
    "opoulos", "ley", "ton", "field", "wood", "er", "ini", "etti", "ova", "enko", "czyk",
    "ak", "ić", "ov", "stad", "holm", "ford", "by", "dóttir", "ard", "ier", "ello", "aro",
    "ida", "oglu", "ek", "ás", "ingham", "well", "worth", "hoff", "baum", "lund", "gren",
    "vik", "ley-Hart", "ås", "ot",
)  # fmt: skip
FIRST_NAMES = (
    "Anna", "Jack", "Sofía", "Mohammed", "Emma", "Liam", "Priya", "Noah", "Maja", "Oliver",
    "Zoë", "José", "Hannah", "Yusuf", "Elena", "Lucía", "Tomás", "Mei", "Omar", "Ewa",
    "Marco", "Chloé", "Ingrid", "Mateus", "Aoife", "Amélie", "Jürgen", "Ravi", "Noor", "Kwame",
    "Grete", "Inès", "Ayşe", "Søren", "Björn", "Łucja", "Siobhán", "Ana", "Nuño", "Håkon",
    "Oğuz", "Đorđe", "Radosław", "Ødis", "Amara", "Ben", "Carla", "David", "Eva", "Farah",
    "George", "Helena", "Isaac", "Julia", "Karim", "Laura", "Mark", "Nina", "Oscar", "Paula",
    "Quentin", "Rosa", "Samuel", "Tara", "Umar", "Vera", "William", "Ximena", "Yara", "Zain",
    "Adam", "Beatriz", "Conor", "Daria", "Emil", "Fatima", "Gabriel", "Hiro", "Ida", "Jonas",
    "Kasia", "Leo", "Mila", "Nils", "Olga", "Pedro", "Ruth", "Sven", "Tessa", "Uma", "Victor",
    "Wen", "Yasmin", "Zofia", "Aaron", "Bianca", "Ciarán", "Dmitri", "Esther", "Felix",
)  # fmt: skip


def _tail() -> list[str]:
    taken = set(COMMON_LAST_NAMES)
    names = [s + e for s, e in product(_STEMS, _ENDINGS) if s + e not in taken]
    random.Random(13).shuffle(names)  # ranks spread over stems, not alphabetical
    return names


def _cumulative(count: int, offset: float) -> list[float]:
    """Zipf-Mandelbrot weights 1 / (rank + offset), summed for `random.choices`."""
    return list(accumulate(1.0 / (rank + offset) for rank in range(1, count + 1)))


_TAIL = _tail()
LAST_NAMES: tuple[str, ...] = (
    COMMON_LAST_NAMES + tuple(_TAIL[:2000]) + RARE_LAST_NAMES + tuple(_TAIL[2000:])
)
_LAST_WEIGHTS = _cumulative(len(LAST_NAMES), offset=15.0)
_FIRST_WEIGHTS = _cumulative(len(FIRST_NAMES), offset=5.0)


def name_for(rng: random.Random) -> tuple[str, str]:
    """A (first, last) name drawn from the skewed tables with `rng`."""
    first = rng.choices(FIRST_NAMES, cum_weights=_FIRST_WEIGHTS)[0]
    last = rng.choices(LAST_NAMES, cum_weights=_LAST_WEIGHTS)[0]
    return first, last
