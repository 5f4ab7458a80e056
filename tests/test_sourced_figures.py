"""One way to show a sourced figure (issue 15): every public page shows a figure as not known yet,
unconfirmed (never as fact), possibly out of date (value, citation, badge) or value with citation,
through {% sourced_figure %} and templates/includes/sourced_figure.html, in English and Spanish."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings

from publishing.models import Confirmation
from tests.factories import CertificationFactory, EducationStepFactory, OccupationFactory, OutlookFigureFactory

THE_INCLUDE = Path("includes/sourced_figure.html")
TEMPLATES = Path(settings.BASE_DIR, "templates")
#: Editor-facing admin templates list figures to check by their own rule (FigureWarning), not the public one.
PUBLIC_TEMPLATES = sorted(path for path in TEMPLATES.rglob("*.html") if path.relative_to(TEMPLATES).parts[0] != "admin")
COMMENT = re.compile(r"{#.*?#}|{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", re.DOTALL)
TEMPLATE_CODE = re.compile(r"{%.*?%}|{{.*?}}", re.DOTALL)
STRING = re.compile(r"\"[^\"]*\"|'[^']*'")
TAG_ARGUMENTS = re.compile(r"{%\s*sourced_figure\s[^%]*%}")
#: What deciding or drawing a figure's state takes: its citation or confirmation, the staleness rule.
STATE_WORDS = re.compile(
    r"\w*citation\b|\w*_confirmation\b|is_confirmed|is_possibly_outdated|is_current_fact|is_third_party|is_undated"
)
#: The markup of the states, which only the include writes.
STATE_MARKUP = re.compile(r"class=\"(unconfirmed|citation)\b|includes/(citation|unconfirmed)\.html")


def state_rule_copies(source):
    """Where a template decides or draws a figure's state itself (the tag's citation argument aside)."""
    source = TAG_ARGUMENTS.sub("", COMMENT.sub("", source))
    code = [STRING.sub('""', chunk) for chunk in TEMPLATE_CODE.findall(source)]
    return [word for chunk in code for word in STATE_WORDS.findall(chunk)] + [
        match.group(0) for match in STATE_MARKUP.finditer(source)
    ]


def test_no_public_template_but_the_one_include_writes_the_figure_states():
    assert (TEMPLATES / THE_INCLUDE).exists()
    copies = {
        str(path.relative_to(TEMPLATES)): found
        for path in PUBLIC_TEMPLATES
        if path.relative_to(TEMPLATES) != THE_INCLUDE and (found := state_rule_copies(path.read_text()))
    }
    assert copies == {}, "show these figures with {% sourced_figure %} instead"


@pytest.mark.parametrize(
    "source",
    [
        "{% if c.price_citation.is_confirmed %}{{ c.price_usd }}{% endif %}",
        '{% include "includes/citation.html" with citation=c.exam_citation %}',
        "{% if figure.figure_confirmation == 'official' %}x{% endif %}",
        '<span class="unconfirmed">Not confirmed yet</span>',
        "{% if step.cost_citation.is_possibly_outdated %}old{% endif %}",
    ],
)
def test_the_scan_finds_a_hand_written_state_rule(source):
    assert state_rule_copies(source)


def test_the_scan_lets_the_tag_and_wording_through():
    source = (
        "{# each figure with its citation #}{% sourced_figure c.price_citation c.price_usd %}{{ c.price_usd }}"
        '{% unknown %}{% translate "No confirmed price yet" %}{% endsourced_figure %}'
    )
    assert state_rule_copies(source) == []


TODAY = datetime.date.today()
#: The citation fields of a figure in each state, by the figure's prefix.
STATES = {
    "unknown": lambda prefix: {f"{prefix}_confirmation": Confirmation.UNCONFIRMED},
    "unconfirmed": lambda prefix: {f"{prefix}_confirmation": Confirmation.UNCONFIRMED},
    "outdated": lambda prefix: {f"{prefix}_as_of": TODAY.replace(year=TODAY.year - 5, day=1)},
    "current": lambda prefix: {f"{prefix}_as_of": TODAY.replace(day=1)},
}


def fields(state, prefix, **values):
    """A figure's model fields in `state`: its values (none when unknown) and its citation."""
    return {**{name: None if state == "unknown" else value for name, value in values.items()}, **STATES[state](prefix)}


WORDS = {
    "en": {
        "unconfirmed": "Not confirmed yet",
        "outdated": "possibly out of date",
        "source": "Source:",
        "price unknown": "No confirmed price yet: prices change often",
        "cost unknown": "No reliable figure found yet: costs vary widely by school.",
        "pay unknown": "No confirmed figure yet.",
    },
    "es": {
        "unconfirmed": "Todavía sin confirmar",
        "outdated": "posiblemente desactualizado",
        "source": "Fuente:",
        "price unknown": "Todavía no hay un precio confirmado: los precios cambian a menudo",
        "cost unknown": "Todavía no encontramos una cifra fiable: los costos varían mucho según la escuela.",
        "pay unknown": "Todavía no hay una cifra confirmada.",
    },
}


def section(html, start, end):
    """The part of a page from `start` to the next `end`."""
    assert start in html
    return html.split(start, 1)[1].split(end, 1)[0]


def certification_price(client, language, state):
    cert = CertificationFactory(slug="x1", price_detail="online", **fields(state, "price", price_usd=987))
    html = client.get(f"{language}{cert.get_absolute_url()}").content.decode()
    return section(html, 'aria-labelledby="price-heading">', "</section>"), "$987", "price unknown"


def education_step_cost(client, language, state):
    step = EducationStepFactory(slug="e1", **fields(state, "cost", cost_min_usd=1234, cost_max_usd=5678))
    html = client.get(f"{language}{step.get_absolute_url()}").content.decode()
    return section(html, '<dl class="row step-facts">', "</dl>").split("</dt>", 2)[2], "$1,234–$5,678", "cost unknown"


def occupation_median_pay(client, language, state):
    """Only confirmed pay reaches an occupation's quick facts: an unconfirmed one is not known there."""
    occupation = OccupationFactory(slug="coders")
    if state != "unknown":
        OutlookFigureFactory(occupation=occupation, **fields(state, "figure", value=45678))
    html = client.get(f"{language}{occupation.get_absolute_url()}").content.decode()
    quick_facts = section(html, '<aside class="quick-facts', "</dd>")
    return quick_facts, "$45,678", "pay unknown"


FIGURES = [certification_price, education_step_cost, occupation_median_pay]
SHOWN_AS = {(occupation_median_pay, "unconfirmed"): "unknown"}


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("figure", FIGURES, ids=lambda figure: figure.__name__)
@pytest.mark.parametrize("state", STATES)
def test_a_page_shows_a_figure_in_exactly_its_state(client, language, figure, state):
    state_shown = SHOWN_AS.get((figure, state), state)
    shown, value, unknown = figure(client, "/es" if language == "es" else "", state)
    words = WORDS[language]
    assert (words[unknown] in shown) is (state_shown == "unknown")
    assert (words["unconfirmed"] in shown) is (state_shown == "unconfirmed")
    assert (value in shown) is (state_shown in ("outdated", "current"))
    assert (words["source"] in shown) is (state_shown in ("outdated", "current"))
    assert (words["outdated"] in shown) is (state_shown == "outdated")


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["", "/es"])
def test_the_compare_table_shows_each_state_and_keeps_its_cell_labels(client, language):
    old = TODAY.replace(year=TODAY.year - 5, day=1)
    CertificationFactory(code="NEW", slug="new", price_usd=111, price_as_of=TODAY.replace(day=1))
    CertificationFactory(code="OLD", slug="old", price_usd=222, price_as_of=old)
    CertificationFactory(code="UNC", slug="unc", price_usd=333, price_confirmation=Confirmation.UNCONFIRMED)
    CertificationFactory(code="NONE", slug="none", price_usd=None, price_confirmation=Confirmation.UNCONFIRMED)
    html = client.get(f"{language}/certifications/compare/?c=new&c=old&c=unc&c=none").content.decode()
    words = WORDS["es" if language else "en"]
    prices = section(html, '<th scope="row">{}</th>'.format("Precio" if language else "Price"), "</tr>")
    cells = dict(re.findall(r'<td data-label="([^"]+)">(.*?)</td>', prices, re.DOTALL))
    assert list(cells) == ["NEW", "OLD", "UNC", "NONE"]
    assert "$111" in cells["NEW"] and words["source"] in cells["NEW"] and words["outdated"] not in cells["NEW"]
    assert "$222" in cells["OLD"] and words["outdated"] in cells["OLD"]
    assert "$333" not in cells["UNC"] and words["unconfirmed"] in cells["UNC"]
    assert words["price unknown"] in cells["NONE"] and words["source"] not in cells["NONE"]
