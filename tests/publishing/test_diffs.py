"""Readable differences: words marked, choice labels, "empty", a figure's source beside it."""

import pytest

from publishing.diffs import field_changes, pending_changes, word_difference
from publishing.services import pending_change_save
from tests.factories import CertificationFactory, SourceFactory

pytestmark = pytest.mark.django_db


def _hold(cert, **values):
    edited = type(cert).objects.get(pk=cert.pk)
    for name, value in values.items():
        setattr(edited, name, value)
    return pending_change_save(record=cert, edited=edited, field_names=list(values), user=None)


def test_word_difference_marks_only_the_changed_words():
    before, after = word_difference("The exam has 100 questions.", "The exam has 90 questions.")
    assert ("del", "100") in before and ("ins", "90") in after
    assert "".join(text for _kind, text in after) == "The exam has 90 questions."


def test_long_unchanged_text_is_shortened_never_truncated_mid_word():
    old = " ".join(f"word{i}" for i in range(100)) + " end."
    before, _after = word_difference(old, old.replace("end.", "finish."))
    assert before[0][1].startswith("…") and before[0][1].endswith("word98 word99 ")
    assert ("del", "end") in before


def test_changes_show_choice_labels_names_and_empty():
    cert = CertificationFactory(price_usd=300, focus="coding", prerequisites="")
    source = SourceFactory(title="New price list", publisher="AAPC")
    pending = _hold(cert, focus="both", price_source=source, entry_level=True, prerequisites_en="None needed")
    rows = {change.name: change for change in pending_changes(cert, pending)}
    assert rows["focus"].before == [("del", "Coding")] and rows["focus"].after == [("ins", "Billing and coding")]
    assert rows["price_source"].after == [("ins", "AAPC: New price list")]
    assert rows["entry_level"].after == [("ins", "Yes")]
    assert rows["prerequisites_en"].before == [("del", "empty")]
    source.delete()
    rows = {change.name: change for change in pending_changes(cert, pending)}
    assert rows["price_source"].after[0][1].startswith("(deleted #")


def test_a_changed_figure_shows_its_source_and_as_of_date_beside_it():
    cert = CertificationFactory(price_usd=300, price_as_of_label="January 2025")
    pending = _hold(cert, price_usd=399, price_as_of_label_en="January 2026")
    price = {change.name: change for change in pending_changes(cert, pending)}["price_usd"]
    assert price.old_citation.endswith("as of January 2025") and price.new_citation.endswith("as of January 2026")
    assert str(cert.price_source) in price.new_citation


def test_confirmation_shows_its_label():
    cert = CertificationFactory()
    first = cert.history.first()
    cert.price_confirmation = "secondary" if first.price_confirmation == "official" else "official"
    cert.save()
    change = field_changes(type(cert), cert.history.first(), first, names={"price_confirmation"})[0]
    assert change.after == [("ins", "Official (issuer's own page)")] or change.before == [
        ("del", "Official (issuer's own page)")
    ]
