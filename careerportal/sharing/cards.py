"""Social cards: a 1200×630 PNG per public page for og:image and twitter:image, so a link
pasted into a message, an email client or a post shows a picture.

A card shows the page's title, the credential's code on a certification page, one key
confirmed figure with its source and as-of date, and the site's name. It is drawn with a
font shipped with the site (DejaVu Sans, which has the letters Spanish needs; no system
fonts), at a stable address derived from the page's path (/cards/certifications/cpc.png;
the home page is /cards/index.png), and cached under the content generation, so any content
change draws it anew. Unconfirmed figures never appear.
"""

import io
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.cache import cache
from django.utils.dateformat import format as format_date
from django.utils.translation import get_language, gettext, ngettext
from PIL import Image, ImageDraw, ImageFont

from careerportal.cache import content_generation
from certifications.models import Certification
from qualifications.models import EducationStep, OutlookFigure

from .targets import public_match

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
BACKGROUND = "#f6fafb"
ACCENT = "#0b5c73"
INK = "#1f2933"
MUTED = "#52606d"
CACHE_SECONDS = 24 * 60 * 60
FONT = Path(__file__).resolve().parent / "fonts" / "DejaVuSans.ttf"
#: Page paths a card can be asked for: slugs separated by slashes, or "index" for the home page.
PAGE_NAME = re.compile(r"[\w-]+(?:/[\w-]+)*")
HOME_NAME = "index"
#: The page whose card shows the median pay.
CAREERS_VIEW = "qualifications:careers"


@dataclass(frozen=True)
class Card:
    title: str
    code: str = ""
    fact: str = ""
    source: str = ""

    @property
    def alt(self):
        """The card as text, for og:image:alt and twitter:image:alt."""
        parts = [self.code, self.title, self.fact, self.source, str(settings.SITE_NAME)]
        return " · ".join(part for part in parts if part)


def card_url_path(page_path):
    """/cards/<page>.png for a page path such as /certifications/cpc/ (no query)."""
    name = page_path.strip("/") or HOME_NAME
    return f"/cards/{name}.png"


def page_path_of(name):
    """The page path a card name stands for, or None when the name is not one."""
    if not PAGE_NAME.fullmatch(name):
        return None
    return "/" if name == HOME_NAME else f"/{name}/"


def as_of_text(citation):
    """When a figure is from, worded as its citation on the page (templates/includes/citation.html):
    "as of May 2024", or for a page without a date "undated page, read 3 December 2026"."""
    if citation.is_undated:
        if citation.read_on:
            return gettext("undated page, read %(read)s") % {"read": format_date(citation.read_on, gettext("j F Y"))}
        return gettext("undated page")
    if citation.as_of_label:
        return gettext("as of %(label)s") % {"label": citation.as_of_label}
    return gettext("as of %(date)s") % {"date": format_date(citation.as_of, gettext("F Y"))}


def sourced(citation, text):
    """(fact, source) for a confirmed, current figure; ("", "") otherwise: a card travels without
    the page's "possibly out of date" label."""
    if not citation.is_current_fact:
        return "", ""
    fact = f"{text}, {as_of_text(citation)}"
    source = gettext("Source: %(source)s") % {"source": citation.source} if citation.source else ""
    return fact, source


def certification_fact(cert):
    if cert.price_usd is not None and cert.price_citation.is_current_fact:
        return sourced(cert.price_citation, gettext("Exam fee $%(price)s") % {"price": intcomma(cert.price_usd)})
    if cert.exam_questions and cert.exam_minutes:
        text = gettext("Exam: %(questions)s questions in %(minutes)s minutes") % {
            "questions": cert.exam_questions,
            "minutes": cert.exam_minutes,
        }
        return sourced(cert.exam_citation, text)
    return "", ""


def education_fact(step):
    low, high = step.duration_min_months, step.duration_max_months
    if low is None:
        return "", ""
    if high and high != low:
        text = gettext("Takes %(low)s to %(high)s months") % {"low": low, "high": high}
    else:
        text = ngettext("Takes %(months)s month", "Takes %(months)s months", low) % {"months": low}
    return sourced(step.duration_citation, text)


def careers_fact(figures):
    for figure in figures:
        if figure.kind == OutlookFigure.Kind.MEDIAN_PAY:
            text = gettext("%(label)s $%(value)s") % {"label": figure.label, "value": intcomma(int(figure.value))}
            fact = sourced(figure.figure_citation, text)
            if fact[0]:
                return fact
    return "", ""


def page_card(*, title, record=None, figures=()):
    """The card of a page: its record's (certification code, key figure) or, on the careers page
    (`figures` given), the median pay."""
    if isinstance(record, Certification):
        return Card(record.name, record.code, *certification_fact(record))
    if isinstance(record, EducationStep):
        return Card(str(record), "", *education_fact(record))
    return Card(str(title or record), "", *careers_fact(figures))


def card_for_path(path):
    """The card of the public page at `path`, or None when there is no such page."""
    match = public_match(path)
    if match is None:
        return None
    view_class = match.func.view_class
    model = getattr(view_class, "model", None)
    if "slug" in match.kwargs and model is not None:
        record = model.objects.published().filter(slug=match.kwargs["slug"]).first()
        return page_card(title="", record=record) if record is not None else None
    title = getattr(view_class, "page_title", "") or settings.SITE_NAME
    if match.view_name == CAREERS_VIEW:
        return page_card(title=title, figures=OutlookFigure.objects.published().select_related("figure_source"))
    return page_card(title=title)


def card_font(size):
    """DejaVu Sans, shipped with the site (fonts/LICENSE): Pillow's own font has no accented letters."""
    return ImageFont.truetype(FONT, size)


def wrapped(draw, text, font, width, max_lines):
    """`text` broken into at most `max_lines` lines that fit `width` pixels, the last one ending in … if cut."""
    for columns in range(70, 8, -2):
        lines = textwrap.wrap(text, columns)
        if all(draw.textlength(line, font=font) <= width for line in lines):
            break
    if len(lines) > max_lines:
        rest = " ".join(lines[max_lines - 1 :])
        lines = [*lines[: max_lines - 1], textwrap.shorten(rest, columns, placeholder=" …")]
    return lines


def render_png(card):
    """The card drawn as a 1200×630 PNG (bytes): site name, code, title at the top; the fact and
    its source at the bottom."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, 18, HEIGHT], fill=ACCENT)
    text_width = WIDTH - 2 * MARGIN
    y = MARGIN - 10
    draw.text((MARGIN, y), str(settings.SITE_NAME), font=card_font(34), fill=ACCENT)
    y += 80
    if card.code:
        draw.text((MARGIN, y), card.code, font=card_font(96), fill=ACCENT)
        y += 120
    title_font = card_font(60 if card.code else 68)
    for line in wrapped(draw, card.title, title_font, text_width, 2 if card.code else 3):
        draw.text((MARGIN, y), line, font=title_font, fill=INK)
        y += 78
    bottom = [(line, 38, INK, 50) for line in wrapped(draw, card.fact, card_font(38), text_width, 2)]
    bottom += [(line, 28, MUTED, 40) for line in wrapped(draw, card.source, card_font(28), text_width, 1)]
    y = HEIGHT - MARGIN + 10 - sum(step for *_rest, step in bottom)
    for line, size, colour, step in bottom:
        draw.text((MARGIN, y), line, font=card_font(size), fill=colour)
        y += step
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def card_png(card, *, page_path):
    """The card's PNG, from the cache while the content has not changed."""
    key = f"social-card:{content_generation()}:{get_language()}:{page_path}"
    png = cache.get(key)
    if png is None:
        png = render_png(card)
        cache.set(key, png, CACHE_SECONDS)
    return png
