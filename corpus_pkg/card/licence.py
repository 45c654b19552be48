"""Who owns what in a built folder, as the LICENSE, the card's YAML and croissant.json say it.

Three kinds of material, three owners:

- the software that built the folder, corpus_pkg: MIT, its maintainers (`corpus_pkg/card/LICENSE.md`, the
  repository's own LICENSE); it is not in the folder, and its licence does not cover the folder;
- the compilation (the structure, the extracted metadata, provenance, page audits, the card): the builder's,
  the person the card file names (`curation.curators`, else `contact.card_authors`), under the licence the
  card file states (`licence`), or "not stated by the builder"; the outlet facts of the `outlets` config
  are corpus_pkg's registry, compiled by its maintainers under the MIT licence;
- the article texts: their publishers' and authors'; publisher terms are quoted only for the outlets the
  data contains, from the registry, with their sources and dates.

`yaml_licence`, `croissant_licence` and `licence_file` all read `CompilationLicence`, so the three files
cannot disagree; `corpus-pkg validate` recomputes the first two from the builder's card file.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from .hub_terms import LICENSE_IDS
from .statement import NOT_STATED, OTHER_LICENCE, BuilderCard

#: The YAML's `license_name` starts with this: the folder mixes material of several owners.
MIXED = "mixed-third-party-copyright"
SOFTWARE_LICENCE = "LICENSE.md"    # corpus_pkg's own licence, in corpus_pkg/card (the repository's LICENSE)


@dataclass(frozen=True)
class CompilationLicence:
    """The builder's licence of the compilation. `holder`: the builder as the card file names them, or None;
    `licence`: the stated Hub/SPDX id as written (e.g. "CC-BY-4.0"), "other" for terms in words, or None;
    `terms`: those words (only with "other")."""

    holder: str | None
    licence: str | None
    terms: str | None = None

    @property
    def hub_id(self) -> str | None:
        """The Hub licence id of the stated licence (lower case), None for "other" or not stated."""
        return self.licence.casefold() if self.licence and self.licence.casefold() in LICENSE_IDS else None

    @property
    def label(self) -> str:
        """The licence as the card prints it: its id, "other (…terms…)", or "not stated by the builder"."""
        if self.licence is None:
            return NOT_STATED
        return f"other: {self.terms}" if self.terms else self.licence

    @property
    def holder_label(self) -> str:
        return self.holder or f"the builder (name {NOT_STATED})"


def compilation_licence(statement: BuilderCard) -> CompilationLicence:
    """The compilation's holder and licence from the builder's card file (nothing assumed when not stated)."""
    holder = statement.curation.curators or statement.contact.card_authors
    licence = statement.licence
    if licence and licence.casefold().startswith(OTHER_LICENCE):
        return CompilationLicence(holder, "other", licence[len(OTHER_LICENCE):].strip())
    return CompilationLicence(holder, licence)


def yaml_licence(statement: BuilderCard) -> dict[str, str]:
    """`license`, `license_name`, `license_link` of the card's YAML: `other` (the texts are not the builder's
    to license), named after the compilation's licence, e.g. `mixed-third-party-copyright-compilation-cc-by-4.0`
    or `…-compilation-licence-not-stated`, linking the folder's LICENSE."""
    stated = compilation_licence(statement)
    part = stated.hub_id or ("other" if stated.licence else "licence-not-stated")
    return {"license": "other", "license_name": f"{MIXED}-compilation-{part}", "license_link": "LICENSE"}


def croissant_licence(statement: BuilderCard) -> str:
    """croissant.json's `license`: the same three owners in one sentence."""
    stated = compilation_licence(statement)
    return (f"other: the compilation (structure, extracted metadata, card) was made by {stated.holder_label}, "
            f"licence: {stated.label}; the outlet facts are corpus_pkg's registry (MIT, the corpus_pkg maintainers); the "
            "article texts remain the property of their publishers and are not licensed (see LICENSE)")


def mit_terms() -> str:
    """The MIT permission notice and disclaimer, as Markdown quote lines: the quoted lines after the copyright
    line of corpus_pkg's LICENSE.md, to grant under another holder's name."""
    text = (resources.files("corpus_pkg") / "card" / SOFTWARE_LICENCE).read_text(encoding="utf-8")
    quoted = [line for line in text.splitlines() if line.startswith(">")]
    start = next(i for i, line in enumerate(quoted) if line.startswith("> Copyright"))
    terms = quoted[start + 1:]
    while terms and terms[0].strip() == ">":
        terms.pop(0)
    return "\n".join(terms)
