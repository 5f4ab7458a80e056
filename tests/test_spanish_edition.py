"""Issue 16, item 5: what surrounds the pages is Spanish under /es/ too: error pages (404, 500, 503), the
counselor pages, the share panel's printed address and its email and text links, the feeds, and the
eligibility sentences with their plurals and agreement. Each page is compared with its English twin: no
English interface string shown there is left on the Spanish page (tests/test_translations.py's check)."""

import datetime
import re
from html import unescape
from urllib.parse import unquote

import pytest
from django.db import DatabaseError
from django.utils import timezone, translation
from django.utils.dateformat import format as date_format

from careerportal import views
from careerportal.sharing.models import ShareLink
from certifications.models import RequirementKind
from tests.factories import CertificationFactory, EducationStepFactory, RequirementFactory, build_path
from tests.sharing.conftest import make_counselor
from tests.test_translations import Text, interface_strings

pytestmark = pytest.mark.django_db

SITE = "https://careers.example.org"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def cpc(db):
    return CertificationFactory(code="CPC", slug="cpc", name="Certified Professional Coder")


def english_left_on(english_html, spanish_html):
    """The interface strings the English page shows that the Spanish page still shows in English."""
    english_text, spanish_text = Text.of(english_html), Text.of(spanish_html)
    shown = [text for text in interface_strings() if text in english_text]
    assert shown, "the English page shows no interface string: the comparison would prove nothing"
    return [text for text in shown if text in spanish_text]


def html_lang(html):
    return re.search(r'<html lang="([^"]+)">', html).group(1)


# Error pages ---------------------------------------------------------------------------------------


def test_a_page_not_found_under_es_is_in_spanish(client, cpc):
    english = client.get("/certifications/no-such-credential/")
    spanish = client.get("/es/certifications/no-such-credential/")
    assert spanish.status_code == 404
    html = spanish.content.decode()
    assert html_lang(html) == "es"
    assert "<h1>No encontramos esa página</h1>" in html
    assert "<title>Página no encontrada · " in html
    assert english_left_on(english.content.decode(), html) == []


@pytest.mark.parametrize(
    "first, then, said",
    [
        ("/search/?q=coder", "/es/search/?q=%01", "La dirección o el formulario contiene caracteres no permitidos."),
        ("/es/search/?q=coder", "/search/?q=%01", "The address or the form holds characters that are not allowed."),
    ],
)
def test_a_refused_address_is_explained_in_its_own_language_not_the_last_request_s(client, db, first, then, said):
    """The refusal comes before the language is chosen: it must not speak the previous request's language."""
    client.get(first)
    response = client.get(then)
    assert response.status_code == 400
    assert response.content.decode() == said


@pytest.fixture
def failing_home(client, monkeypatch):
    """The home page raising `error`: the server-error handler answers (500, or 503 for a database error)."""

    def fail_with(error):
        def broken(*args, **kwargs):
            raise error

        monkeypatch.setattr(views.HomeView, "get", broken)
        client.raise_request_exception = False
        return {language: client.get(prefix) for language, prefix in (("en", "/"), ("es", "/es/"))}

    return fail_with


@pytest.mark.parametrize(
    "error, status, heading",
    [
        (RuntimeError("boom"), 500, "Algo salió mal de nuestro lado"),
        (DatabaseError("the database is down"), 503, "El sitio no está disponible por un momento"),
    ],
)
def test_server_error_pages_under_es_are_in_spanish(db, failing_home, error, status, heading):
    pages = failing_home(error)
    assert pages["es"].status_code == pages["en"].status_code == status
    html = pages["es"].content.decode()
    assert html_lang(html) == "es"
    assert f"<h1>{heading}</h1>" in html
    assert '<a href="/es/">Ir a la página de inicio</a>' in html
    assert english_left_on(pages["en"].content.decode(), html) == []


# Counselor pages -----------------------------------------------------------------------------------


def test_counselor_sign_in_is_in_spanish(client, db):
    english, spanish = client.get("/counselor/login/"), client.get("/es/counselor/login/")
    html = spanish.content.decode()
    assert html_lang(html) == "es" and "Acceso para orientadores" in html
    assert english_left_on(english.content.decode(), html) == []


def test_a_wrong_password_is_explained_in_the_portal_s_spanish(client, db):
    """Django's own catalogue says it in Spain's formal Spanish ("introduzca", "clave"); the portal says "tú"."""
    make_counselor("consejera")
    wrong = {"username": "consejera", "password": "not-the-password"}
    text = Text.of(client.post("/es/counselor/login/", wrong).content.decode())
    assert "Escribe un nombre de usuario y una contraseña correctos." in text
    assert "introduzca" not in text and "clave" not in text
    english = Text.of(client.post("/counselor/login/", wrong).content.decode())
    assert "Please enter a correct username and password." in english


def test_every_counselor_page_is_in_spanish(client, cpc):
    counselor = make_counselor("consejera")
    link = ShareLink(target="/es/certifications/cpc/", note="Lee primero la parte del examen.", owner=counselor)
    link.full_clean()
    link.save()
    client.force_login(counselor)
    for url in ["/counselor/", "/counselor/new/", f"/counselor/{link.pk}/edit/", f"/counselor/{link.pk}/retire/"]:
        spanish = client.get(f"/es{url}")
        assert spanish.status_code == 200, url
        html = spanish.content.decode()
        assert html_lang(html) == "es", url
        assert english_left_on(client.get(url).content.decode(), html) == [], url
    assert "Tus enlaces para compartir" in client.get("/es/counselor/").content.decode()


@pytest.mark.parametrize(
    "field, value, said",
    [
        ("target", "/es/" + "a" * 400, "Esta dirección es demasiado larga para compartirla (máximo 300 caracteres)."),
        ("note", "x" * 600, "La nota puede tener como máximo 500 caracteres (tiene 600)."),
    ],
)
def test_a_too_long_address_or_note_is_explained_in_the_portal_s_spanish(client, cpc, field, value, said):
    """Django's own length message is Spain's formal Spanish ("Asegúrese de que...")."""
    client.force_login(make_counselor("consejera"))
    data = {"target": f"{SITE}/es/certifications/cpc/", "note": "", field: value}
    text = Text.of(client.post("/es/counselor/new/", data).content.decode())
    assert said in text
    assert "Asegúrese" not in text
    assert not ShareLink.objects.exists()


def test_a_counselor_working_in_spanish_is_told_in_spanish(client, cpc):
    client.force_login(make_counselor("consejera"))
    response = client.post("/es/counselor/new/", {"target": f"{SITE}/es/certifications/cpc/"}, follow=True)
    link = ShareLink.objects.get()
    assert f"Enlace creado: {SITE}/s/{link.code}/" in Text.of(response.content.decode())
    errors = client.post("/es/counselor/new/", {"target": "https://elsewhere.example.com/"}).content.decode()
    assert html_lang(errors) == "es"
    assert (
        english_left_on(
            client.post("/counselor/new/", {"target": "https://elsewhere.example.com/"}).content.decode(), errors
        )
        == []
    )


@pytest.mark.parametrize("counselor_page", ["/counselor/", "/es/counselor/"])
def test_a_link_is_named_and_messaged_in_its_page_language_whatever_the_counselor_reads(
    client, cpc, settings, counselor_page
):
    """A student sent a Spanish page gets a Spanish subject and message, and an English page an English one."""
    counselor = make_counselor("consejera")
    for target in ["/es/certifications/?focus=coding", "/es/", "/certifications/?focus=coding"]:
        link = ShareLink(target=target, owner=counselor)
        link.full_clean()
        link.save()
    client.force_login(counselor)
    html = client.get(counselor_page).content.decode()
    names = {href: unescape(name) for href, name in re.findall(r'<td><a href="([^"]+)">([^<]+)</a></td>', html)}
    assert names["/es/certifications/?focus=coding"] == "Certificaciones"
    assert names["/certifications/?focus=coding"] == "Certifications"
    with translation.override("es"):
        assert names["/es/"] == str(settings.SITE_NAME) != "Medical Billing & Coding Career Map"
    subjects = [unquote(unescape(subject)) for subject in re.findall(r'href="mailto:\?subject=([^&"]+)', html)]
    assert sorted(subjects) == sorted(names.values())


def test_a_share_link_to_a_spanish_page_shows_the_note_and_the_change_in_spanish(client, cpc):
    counselor = make_counselor("consejera")
    links = {}
    for prefix in ("", "/es"):
        links[prefix] = ShareLink(target=f"{prefix}/certifications/cpc/", note="Lee esto primero.", owner=counselor)
        links[prefix].full_clean()
        links[prefix].save()
    changed = links["/es"].created + datetime.timedelta(days=3)
    type(cpc).objects.filter(pk=cpc.pk).update(updated=changed)
    english = client.get(links[""].get_absolute_url()).content.decode()
    spanish = client.get(links["/es"].get_absolute_url()).content.decode()
    note = Text.of(spanish.split('<aside class="counselor-note', 1)[1].split("</aside>", 1)[0])
    assert "Nota de tu orientador/a" in note and "Lee esto primero." in note
    local = timezone.localtime(changed)
    with translation.override("es"):
        day = date_format(local, "j \\d\\e F \\d\\e Y")
    assert f"Esta página cambió el {day}, después de que se creó el enlace." in note
    assert english_left_on(english, spanish) == []


# Share panel: printed address, email and text message ----------------------------------------------


def message_links(html):
    """{"mailto": decoded link, "sms": decoded link} of the page's share panel."""
    panel = html.split('class="share-panel', 1)[1]
    found = re.findall(r'href="((mailto|sms):[^"]+)"', panel)
    return {scheme: unquote(unescape(href)) for href, scheme in found}


def test_email_and_text_links_of_a_spanish_page_say_its_spanish_title_and_address(client, cpc):
    links = message_links(client.get("/es/certifications/?focus=coding").content.decode())
    address = f"{SITE}/es/certifications/?focus=coding"
    subject = re.match(r"mailto:\?subject=([^&]+)&body=", links["mailto"]).group(1)
    assert subject.startswith("Certificaciones")
    assert links["mailto"].endswith(f"body={subject}\r\n{address}")
    assert links["sms"] == f"sms:?&body={subject} {address}"
    english = message_links(client.get("/certifications/?focus=coding").content.decode())
    assert "Certificaciones" not in english["mailto"] + english["sms"]


def test_the_printed_address_of_a_spanish_page_is_introduced_in_spanish(client, cpc):
    html = client.get("/es/certifications/cpc/").content.decode()
    assert f'<p class="share-print-url">Página en vivo: {SITE}/es/certifications/cpc/</p>' in html
    assert "Live page:" not in html


# Feeds ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url, title",
    [("/es/feed/updates/", "Qué cambió · "), ("/es/certifications/cpc/feed/", "Qué cambió en CPC (Certified")],
)
def test_spanish_feeds_are_titled_and_worded_in_spanish(client, cpc, url, title):
    body = client.get(url).content.decode()
    english = client.get(url.removeprefix("/es")).content.decode()
    assert '<feed xml:lang="es"' in body
    feed_title = re.search(r"<title>([^<]+)</title>", body).group(1)
    assert feed_title.startswith(title)
    assert feed_title != re.search(r"<title>([^<]+)</title>", english).group(1)
    subtitle = re.search(r"<subtitle>([^<]+)</subtitle>", body).group(1)
    assert subtitle != re.search(r"<subtitle>([^<]+)</subtitle>", english).group(1)
    assert "notas del equipo editorial" in subtitle


def test_a_new_page_is_announced_in_spanish_in_the_spanish_feed(client, cpc):
    english, spanish = client.get("/feed/updates/").content.decode(), client.get("/es/feed/updates/").content.decode()
    assert '<summary type="html">New page.</summary>' in english
    assert '<summary type="html">Página nueva.</summary>' in spanish


# Path finder messages ------------------------------------------------------------------------------


def test_path_finder_answers_out_of_range_are_explained_in_spanish(client, db):
    """The limits are written into the messages once, at import: they must still follow the page's language."""
    answers = "?education=10&interest=coding&hours_per_week=500&budget_usd=-1&start_within_months=0"
    spanish = client.get("/es/plan/" + answers).content.decode()
    english = client.get("/plan/" + answers).content.decode()
    for said in [
        "Escribe un número de horas de 1 a 80.",
        "Escribe una cantidad de $0 a $500,000.",
        "Escribe un número de meses de 1 a 120.",
    ]:
        assert said in Text.of(spanish)
    assert "Enter a number of hours from 1 to 80." in Text.of(english)
    assert "Enter a" not in Text.of(spanish)
    assert english_left_on(english, spanish) == []


@pytest.mark.parametrize(
    "prefix, one, two", [("", ["1 month", "2 months"], "1–2 months"), ("/es", ["1 mes", "2 meses"], "1–2 meses")]
)
def test_durations_of_one_month_are_singular_on_paths_and_steps(client, cpc, prefix, one, two):
    short = EducationStepFactory(slug="short", duration_min_months=1, duration_max_months=1)
    longer = EducationStepFactory(slug="longer", duration_min_months=1, duration_max_months=2)
    path = build_path(short, cpc, slug="one-month-path")
    for step, said in [(short, one[0]), (longer, two)]:
        text = Text.of(client.get(f"{prefix}/education/{step.slug}/").content.decode())
        assert f" {said} " in text or f" {said}." in text, step.slug
    text = Text.of(client.get(f"{prefix}/paths/{path.slug}/").content.decode())
    assert f" {one[0]} " in text
    assert not re.search(r"\b1 (months|meses)\b", text)
    listed = Text.of(client.get(prefix + "/paths/").content.decode())
    assert f" {one[0]} " in listed and not re.search(r"\b1 (months|meses)\b", listed)


# Eligibility sentences: plural and agreement -------------------------------------------------------


@pytest.mark.parametrize(
    "fields, english, spanish",
    [
        ({"kind": RequirementKind.EXPERIENCE, "months": 1}, "1 month of", "1 mes de experiencia laboral supervisada"),
        (
            {"kind": RequirementKind.EXPERIENCE, "months": 6},
            "6 months of",
            "6 meses de experiencia laboral supervisada",
        ),
        ({"kind": RequirementKind.EXPERIENCE, "months": 12}, "1 year of", "1 año de experiencia laboral supervisada"),
        ({"kind": RequirementKind.EXPERIENCE, "months": 24}, "2 years of", "2 años de experiencia laboral supervisada"),
        (
            {"kind": RequirementKind.PROGRAM, "within_years": 1},
            "finished within the past year",
            "un programa de formación en facturación o codificación terminado en el último año",
        ),
        (
            {"kind": RequirementKind.PROGRAM, "within_years": 5},
            "finished within the past 5 years",
            "un programa de formación en facturación o codificación terminado en los últimos 5 años",
        ),
        (
            {"kind": RequirementKind.PROGRAM, "accreditor": "CAHIIM", "final_term_counts": True},
            "a CAHIIM-accredited program, finished or in its final term",
            "un programa acreditado por CAHIIM, terminado o en su último período",
        ),
        ({"kind": RequirementKind.MEMBERSHIP}, "AAPC membership", "la membresía de AAPC"),
    ],
)
def test_requirements_are_worded_with_the_right_plural_and_agreement(cpc, fields, english, spanish):
    cpc.body.abbreviation = "AAPC"
    cpc.body.save()
    requirement = RequirementFactory(certification=cpc, education_level=None, **fields)
    with translation.override("en"):
        assert english in requirement.need
    with translation.override("es"):
        assert requirement.need == spanish


def test_the_eligibility_answer_on_a_spanish_page_uses_the_singular_for_one_month(client, cpc):
    RequirementFactory(certification=cpc, kind=RequirementKind.EXPERIENCE, education_level=None, months=1)
    text = Text.of(client.get("/es/certifications/cpc/?education=10&experience_months=0").content.decode())
    assert "Aún necesitas 1 mes de experiencia laboral supervisada." in text
