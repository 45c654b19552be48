"""One spelling per person across the dataset.

Bylines print one person's name in several forms ('MK Bhadrakumar', 'M. K. BHADRAKUMAR'). Names whose
letters agree once case, accents' absence aside, dots, hyphens and spaces are ignored are taken as one
person, and every record gets that person's canonical form in `authors`; each record keeps its own
printed form in `byline`. The canonical form is the one that spells out the most name parts (initials
separated: 'M. K. Bhadrakumar'), then the most frequent, then the first met in input order.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

SEPARATORS = re.compile(r"[\s.\-‐‑’']+")


def person_key(name: str) -> str:
    """'M. K. Bhadrakumar' and 'MK Bhadrakumar' -> 'mkbhadrakumar'."""
    return SEPARATORS.sub("", unicodedata.normalize("NFC", name).casefold())


class Spellings:
    """Collects the printed forms of every author name (`add`), then maps each to its canonical form."""

    def __init__(self) -> None:
        self.forms: dict[str, Counter[str]] = {}
        self.order: dict[str, int] = {}

    def add(self, authors: list[str]) -> None:
        for name in authors:
            self.forms.setdefault(person_key(name), Counter())[name] += 1
            self.order.setdefault(name, len(self.order))

    def update(self, other: "Spellings") -> None:
        """Add what `other` collected from later input (the Ray engine's pass-1 tasks, merged in input order):
        the same as `add`ing its names here."""
        for key, forms in other.forms.items():
            self.forms.setdefault(key, Counter()).update(forms)
        for name in other.order:
            self.order.setdefault(name, len(self.order))

    def canonical(self) -> dict[str, str]:
        """Printed form -> canonical form, for the persons printed in more than one form."""
        out = {}
        for forms in self.forms.values():
            if len(forms) < 2:
                continue
            best = min(forms, key=lambda f: (-len(f.split()), -forms[f], self.order[f]))
            out.update({form: best for form in forms if form != best})
        return out
