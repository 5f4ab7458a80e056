"""A student reads the portal in Spanish in Chromium (issue 16): from /es/ through the path finder, answered
with the keyboard, to a credential, which they share by QR code, email, text message, copied link and on
paper, every time with the Spanish address; the switcher leads back to the same page in English."""

import re
from html import unescape
from urllib.parse import parse_qs, unquote, urlparse

import pytest
import segno
from playwright.sync_api import expect

from tests.browser.content import load_public_content
from tests.sharing.test_share_panel import qr_path_data

pytestmark = pytest.mark.django_db(transaction=True)

SITE = "https://careers.example.org"


@pytest.fixture
def site(live_server, settings):
    settings.SITE_URL = SITE
    load_public_content()
    return live_server.url


def expect_spanish(page):
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("link", name="Saltar al contenido principal")).to_have_count(1)


def expect_switcher_to(page, site, english_path):
    switch = page.get_by_role("link", name="English", exact=True)
    expect(switch).to_have_attribute("hreflang", "en")
    assert unescape(switch.get_attribute("href")) == english_path


def message_links(page):
    """The decoded mailto: and sms: links of the page's share panel."""
    panel = page.locator(".share-panel")
    return unquote(panel.locator("a.share-email").get_attribute("href")), unquote(
        panel.locator("a.share-text").get_attribute("href")
    )


def test_a_student_finds_a_path_in_spanish_and_shares_a_credential_in_spanish(page, site):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)

    # Home, in Spanish
    page.goto(site + "/es/")
    expect_spanish(page)
    expect_switcher_to(page, site, "/")
    page.get_by_role("link", name="Encontrar mi ruta").first.click()
    page.wait_for_url(re.compile(r"/es/plan/$"))
    expect_spanish(page)

    # The questionnaire, answered with the keyboard and submitted with Enter
    page.get_by_label("Tu nivel de estudios más alto hasta ahora").select_option(
        label="Diploma de escuela secundaria (high school) o GED"
    )
    page.get_by_label("Codificación: convertir los expedientes médicos en códigos estándar").focus()
    page.keyboard.press("Space")
    for label, value in [
        ("Horas por semana que puedes estudiar", "1"),
        ("Tu presupuesto para estudios y exámenes (dólares estadounidenses)", "3000"),
        ("¿En cuánto tiempo quieres empezar a trabajar? (meses a partir de ahora)", "1"),
    ]:
        page.get_by_label(label).focus()
        page.keyboard.type(value)
    page.keyboard.press("Enter")

    # Ranked paths, explained in Spanish with the singular for one hour and one month
    page.wait_for_url(re.compile(r"/es/plan/\?"))
    answers = parse_qs(urlparse(page.url).query)
    assert answers["education"] == ["10"] and answers["interest"] == ["coding"]
    assert answers["hours_per_week"] == ["1"] and answers["start_within_months"] == ["1"]
    expect_spanish(page)
    expect(page.get_by_role("heading", name="Rutas ordenadas para ti")).to_be_visible()
    expect(page.get_by_text("Dijiste que puedes estudiar 1 hora por semana.", exact=False)).to_be_visible()
    recommendations = page.locator("article.recommendation")
    assert recommendations.count() >= 2
    first = recommendations.first.inner_text()
    assert "Tiempo desde donde estás" in first and "Costo desde donde estás" in first
    assert re.search(r"más que el 1 mes que indicaste", page.locator("main").inner_text())
    assert not re.search(r"\b1 (meses|horas)\b", page.locator("main").inner_text())
    expect_switcher_to(page, site, page.url.removeprefix(site).replace("/es/", "/", 1))
    # Sharing the results shares the Spanish answers page, worded in Spanish
    email, text = message_links(page)
    spanish_results = SITE + page.url.removeprefix(site)
    assert email.startswith("mailto:?subject=Encuentra tu ruta") and email.endswith(spanish_results)
    assert text.startswith("sms:?&body=Encuentra tu ruta") and text.endswith(spanish_results)

    # A credential the ranking names, in Spanish
    coder = recommendations.filter(has_text="CPC").first
    coder.locator("summary", has_text="CPC:").click()
    coder.get_by_role("link", name=re.compile("Qué pide el CPC")).click()
    page.wait_for_url(re.compile(r"/es/certifications/cpc/"))
    expect_spanish(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("CPC")
    expect_switcher_to(page, site, "/certifications/cpc/")
    address = f"{SITE}/es/certifications/cpc/"

    # QR code: the same modules as a QR code made from the Spanish address
    page.get_by_text("Código QR para un teléfono o un folleto").click()
    qr = page.locator(".share-qr svg")
    expect(qr).to_be_visible()
    wanted = qr_path_data(segno.make(address, error="m").svg_inline(omitsize=True))
    assert qr_path_data(qr.evaluate("svg => svg.outerHTML")) == wanted
    expect(page.locator(".share-qr .share-url")).to_have_text(address)

    # Email and text message: Spanish buttons, the Spanish address
    expect(page.get_by_role("link", name="Correo electrónico")).to_be_visible()
    expect(page.get_by_role("link", name="Mensaje de texto")).to_be_visible()
    email, text = message_links(page)
    assert email.startswith("mailto:?subject=") and email.endswith(f"\r\n{address}")
    assert text.startswith("sms:?&body=") and text.endswith(f" {address}")
    assert "/certifications/cpc/" not in email.replace(address, "")

    # Copy link: said and copied in Spanish
    page.get_by_role("button", name="Copiar enlace").click()
    expect(page.locator("#share-status")).to_have_text("Enlace copiado")
    assert page.evaluate("navigator.clipboard.readText()") == address

    # On paper: the QR code and the Spanish address, introduced in Spanish
    page.emulate_media(media="print")
    printed = page.locator(".share-print")
    expect(printed.locator("svg")).to_be_visible()
    assert qr_path_data(printed.locator("svg").evaluate("svg => svg.outerHTML")) == wanted
    expect(printed).to_contain_text(f"Página en vivo: {address}")
    page.emulate_media(media="screen")

    # The switcher leads to the same credential in English
    page.get_by_role("link", name="English", exact=True).click()
    page.wait_for_url(site + "/certifications/cpc/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_contain_text("CPC")
    expect(page.get_by_role("button", name="Copy link")).to_be_visible()
