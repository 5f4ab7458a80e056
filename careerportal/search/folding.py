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


def matched_spans(text, terms):
    """(start, end) in `text` of every occurrence of any of `terms`, ignoring case
    and accents, in order."""
    if not terms:
        return []
    folded, origins = [], []  # origins[i]: where in `text` the i-th folded character comes from
    for index, char in enumerate(text):
        piece = fold(char)
        folded.append(piece)
        origins += [index] * len(piece)
    origins.append(len(text))
    longest_first = sorted({fold(term) for term in terms}, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(term) for term in longest_first if term), re.IGNORECASE)
    if not pattern.pattern:
        return []
    spans = ((origins[match.start()], origins[match.end()]) for match in pattern.finditer("".join(folded)))
    return [(start, end) for start, end in spans if end > start]
