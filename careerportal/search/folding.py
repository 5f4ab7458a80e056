"""Accent folding: "codificación", "CODIFICACION" and "codificacion" match.

Applied identically to what is indexed and to what is searched for: the names and
labels of every entry on both databases, and the whole text of SQLite's FTS5
tables (SQLite 3.45's `remove_diacritics` for the trigram tokenizer is newer than
the SQLite the portal supports). PostgreSQL folds full text itself, through the
`unaccent` dictionary of its text search configurations (see postgresql.py).
"""

import re
import unicodedata


def fold(text):
    """`text` without accents and other marks: compatibility decomposition (NFKD),
    combining marks dropped, then recomposed (NFC). "Ñandú" becomes "Nandu"."""
    stripped = "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", stripped)


def _latin_variants():
    """{ASCII letter: the Latin letters (U+00C0 to U+024F) that fold to it}: "n": "ñÑńŃ…"."""
    variants = {}
    for char in map(chr, range(0xC0, 0x250)):
        base = fold(char).lower()
        if len(base) == 1 and base.isascii() and base.isalpha():
            variants[base] = variants.get(base, base) + char
    return variants


_VARIANTS = _latin_variants()
_COMBINING_MARKS = "[\u0300-\u036f]*"  # a letter written decomposed: "e" + U+0301


def _pattern(term):
    """A regular expression matching `term` with or without accents on its letters."""
    return "".join(
        f"[{_VARIANTS[char]}]{_COMBINING_MARKS}" if char in _VARIANTS else re.escape(char)
        for char in fold(term).lower()
    )


def matched_spans(text, terms):
    """(start, end) in `text` of each occurrence of any of `terms`, ignoring case
    and the accents of Latin letters, in order; an iterator, so a caller can stop
    at the first. The text itself is not folded: snippets are cut from whole
    bodies, and matching the original keeps positions exact and costs no copy."""
    longest_first = sorted({fold(term).lower() for term in terms} - {""}, key=len, reverse=True)
    if not longest_first:
        return iter(())
    pattern = re.compile("|".join(_pattern(term) for term in longest_first), re.IGNORECASE)
    return (match.span() for match in pattern.finditer(text) if match.end() > match.start())
