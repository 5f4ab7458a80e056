"""careerportal/sharing/cards.py: a 1200×630 PNG social card per public page, named in og:image
and twitter:image, cached until the content changes."""

import datetime
import io

import pytest
from django.utils import timezone, translation
from django.utils.dateformat import format as date_format
from PIL import Image, ImageDraw

from careerportal.sharing import cards
from tests.factories import CertificationFactory, EducationStepFactory, OutlookFigureFactory

from .helpers import SHAREABLE, read_head

pytestmark = pytest.mark.django_db

SITE = "https://careers.example.org"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def card_image(client, url):
    response = client.get(url.removeprefix(SITE))
    assert response.status_code == 200, url
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "PNG"
    return image, response.content


@pytest.mark.parametrize("url, shareable", SHAREABLE)
def test_every_page_names_a_1200_by_630_card_with_alt_text(client, every_page_type, url, shareable):
    meta = read_head(client.get(url).content.decode()).meta
    image_url = meta["og:image"]
    assert image_url == SITE + cards.card_url_path(shareable.partition("?")[0])
    assert (meta["og:image:width"], meta["og:image:height"], meta["og:image:type"]) == ("1200", "630", "image/png")
    assert meta["og:image:alt"]
    assert meta["twitter:card"] == "summary_large_image"
    assert (meta["twitter:image"], meta["twitter:image:alt"]) == (image_url, meta["og:image:alt"])
    image, _png = card_image(client, image_url)
    assert image.size == (1200, 630)


def test_certification_card_shows_code_title_a_confirmed_fact_with_its_date_and_source(client, db):
    cert = CertificationFactory(code="CPC", slug="cpc", name="Certified Professional Coder", price_usd=499)
    alt = read_head(client.get("/certifications/cpc/").content.decode()).meta["og:image:alt"]
    assert alt.startswith("CPC · Certified Professional Coder · Exam fee $499, as of ")
    assert f"Source: {cert.price_source}" in alt


@pytest.mark.parametrize(
    "prefix, fact, dated",
    [
        ("", "Exam: 100 questions in 240 minutes", "undated page, read {day} {month} {year}"),
        ("/es", "Examen: 100 preguntas en 240 minutos", "página sin fecha, consultada el {day} de {month} de {year}"),
    ],
)
def test_an_undated_figure_on_a_card_is_dated_by_when_it_was_read_as_on_the_page(client, db, prefix, fact, dated):
    """As the page's citation says it, in the page's language: never "as of undated page" (the editors' label)."""
    cert = CertificationFactory(
        code="CPC", slug="cpc", price_usd=None, exam_as_of=None, exam_as_of_label="undated page (current format)"
    )
    read = timezone.localdate()
    type(cert).objects.filter(pk=cert.pk).update(last_reviewed=read)
    with translation.override("es" if prefix else "en"):
        month = date_format(read, "F")
    alt = read_head(client.get(prefix + "/certifications/cpc/").content.decode()).meta["og:image:alt"]
    assert f"{fact}, {dated.format(day=read.day, month=month, year=read.year)}" in alt
    assert "undated page (current format)" not in alt


@pytest.mark.parametrize(
    "prefix, months, said",
    [("", 1, "Takes 1 month, as of "), ("", 9, "Takes 9 months, as of "), ("/es", 1, "Dura 1 mes, datos de ")],
)
def test_an_education_card_says_one_month_in_the_singular(client, db, prefix, months, said):
    EducationStepFactory(
        slug="short-course",
        duration_min_months=months,
        duration_max_months=months,
        duration_as_of=timezone.localdate().replace(day=1),
        duration_confirmation="official",
    )
    alt = read_head(client.get(prefix + "/education/short-course/").content.decode()).meta["og:image:alt"]
    assert said in alt


def test_an_unconfirmed_figure_never_reaches_a_card(client, db):
    CertificationFactory(slug="x1", code="X1", price_usd=987, price_confirmation="unconfirmed")
    OutlookFigureFactory(label="Median pay", value=77777, figure_confirmation="unconfirmed")
    for url in ["/certifications/x1/", "/careers/"]:
        alt = read_head(client.get(url).content.decode()).meta["og:image:alt"]
        assert "987" not in alt and "77,777" not in alt and "77777" not in alt


def test_careers_card_shows_the_median_pay_with_its_date(client, db):
    as_of = timezone.localdate().replace(day=1)
    OutlookFigureFactory(label="Median pay", value=46660, kind="median_pay", figure_as_of=as_of, figure_as_of_label="")
    alt = read_head(client.get("/careers/").content.decode()).meta["og:image:alt"]
    assert "Median pay $46,660, as of " in alt


def test_a_card_leaves_out_a_figure_that_may_be_out_of_date(client, db):
    # A card travels without the page's "possibly out of date" label, so it states only current facts.
    OutlookFigureFactory(label="Median pay", value=46660, kind="median_pay", figure_as_of=datetime.date(2020, 5, 1))
    alt = read_head(client.get("/careers/").content.decode()).meta["og:image:alt"]
    assert "46,660" not in alt


def test_card_changes_when_the_title_changes(client, db, django_capture_on_commit_callbacks):
    cert = CertificationFactory(code="CPC", slug="cpc", name="Certified Professional Coder")
    _image, before = card_image(client, "/cards/certifications/cpc.png")
    with django_capture_on_commit_callbacks(execute=True):
        cert.name = "Certified Professional Coder, renamed"
        cert.save()
    _image, after = card_image(client, "/cards/certifications/cpc.png")
    assert before != after


def test_card_is_drawn_once_until_the_content_changes(client, db, monkeypatch, django_capture_on_commit_callbacks):
    cert = CertificationFactory(slug="cpc")
    drawn = []
    render = cards.render_png
    monkeypatch.setattr(cards, "render_png", lambda card: drawn.append(card) or render(card))
    for _ in range(3):
        card_image(client, "/cards/certifications/cpc.png")
    assert len(drawn) == 1
    with django_capture_on_commit_callbacks(execute=True):
        cert.save()
    card_image(client, "/cards/certifications/cpc.png")
    assert len(drawn) == 2


def test_spanish_and_english_cards_are_cached_apart_and_redrawn_together(
    client, db, monkeypatch, django_capture_on_commit_callbacks
):
    cert = CertificationFactory(slug="cpc")
    drawn = []
    render = cards.render_png
    monkeypatch.setattr(cards, "render_png", lambda card: drawn.append(card) or render(card))
    names = ["/cards/certifications/cpc.png", "/cards/es/certifications/cpc.png"]
    for _ in range(2):
        english, spanish = (card_image(client, name)[1] for name in names)
    assert len(drawn) == 2 and english != spanish
    assert "Fuente:" in drawn[1].source and "Source:" in drawn[0].source
    with django_capture_on_commit_callbacks(execute=True):
        cert.save()
    for name in names:
        card_image(client, name)
    assert len(drawn) == 4


def test_card_responses_may_be_cached_by_browsers_and_previewers(client, db):
    CertificationFactory(slug="cpc")
    response = client.get("/cards/certifications/cpc.png")
    assert "public" in response["Cache-Control"] and "max-age=3600" in response["Cache-Control"]


@pytest.mark.parametrize(
    "url",
    [
        "/cards/nope.png",
        "/cards/certifications/secret.png",
        "/cards/certifications/nope.png",
        "/cards/admin.png",
        "/cards/counselor.png",
        "/cards/s/abcdefabcdef.png",
        "/cards/certifications/../admin.png",
        "/cards/certifications//cpc.png",
        "/cards/.png",
    ],
)
def test_no_card_for_anything_but_a_public_page(client, db, url):
    CertificationFactory(slug="secret", status="draft")
    assert client.get(url).status_code == 404


def test_a_control_character_in_a_card_address_is_refused(client, db):
    assert client.get("/cards/%00.png").status_code == 400  # careerportal.middleware.InputRulesMiddleware


def test_cards_draw_the_letters_spanish_needs():
    """Pillow's own font has no accented letters: "facturación" came out with an empty box for the ó."""

    def drawn(text):
        image = Image.new("L", (120, 80))
        ImageDraw.Draw(image).text((10, 10), text, font=cards.card_font(48), fill=255)
        return image.tobytes()

    missing = drawn("\U0010fffd")  # a private-use character no font draws: its "missing letter" box
    assert [letter for letter in "áéíóúüñÁÉÍÓÚÑ¿¡“”«»·–…" if drawn(letter) == missing] == []
