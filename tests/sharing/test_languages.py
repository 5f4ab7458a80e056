"""Spanish addresses (issue 16): every public page also lives under /es/, English keeps its addresses,
and everything that carries a page's address (canonical, hreflang, switcher, share panel, QR code,
email and text links, feeds, cards, share links) carries the address in the page's language."""

import re

import pytest
import segno
from django.utils.html import escape

from careerportal.sharing.models import ShareLink
from careerportal.sharing.targets import normalize_target

from .helpers import SHAREABLE, nodes_of_type, read_head
from .test_share_panel import qr_path_data, share_panel

pytestmark = pytest.mark.django_db

SITE = "https://careers.example.org"
ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')
SWITCH = re.compile(r'<a class="language-switch[^"]*" href="([^"]+)" hreflang="([^"]+)" lang="([^"]+)">')


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def spanish(path):
    return f"/es{path}"


def html_lang(html):
    return re.search(r'<html lang="([^"]+)">', html).group(1)


def alternates(html):
    return dict(ALTERNATE.findall(html.split("</head>", 1)[0]))


def switcher(html):
    (link,) = SWITCH.findall(html)
    return link


@pytest.mark.parametrize("url, shareable", SHAREABLE)
def test_every_public_page_answers_in_spanish_under_es(client, every_page_type, url, shareable):
    response = client.get(spanish(url))
    html = response.content.decode()
    assert response.status_code == 200
    assert html_lang(html) == "es"
    assert response["Content-Language"] == "es"
    head = read_head(html)
    assert head.links["canonical"].startswith(f"{SITE}/es/")
    (page,) = nodes_of_type(head, "WebPage")
    assert page["inLanguage"] == "es"
    assert page["isPartOf"]["url"] == f"{SITE}/es/"
    (crumbs,) = nodes_of_type(head, "BreadcrumbList")
    assert all(item["item"].startswith(f"{SITE}/es/") for item in crumbs["itemListElement"])


@pytest.mark.parametrize("url, shareable", SHAREABLE)
def test_old_english_addresses_are_unchanged_and_always_english(client, every_page_type, url, shareable):
    """Old links never change: no redirect by browser language or cookie, the page is English."""
    client.cookies["django_language"] = "es"
    response = client.get(url, headers={"accept-language": "es-MX,es;q=0.9"})
    assert response.status_code == 200
    assert html_lang(response.content.decode()) == "en"
    assert read_head(response.content.decode()).links["canonical"].startswith(SITE + shareable.partition("?")[0])


@pytest.mark.parametrize("url, shareable", SHAREABLE)
def test_hreflang_pairs_point_at_each_other_with_x_default(client, every_page_type, url, shareable):
    english, spanish_page = client.get(url).content.decode(), client.get(spanish(url)).content.decode()
    canonical_en = read_head(english).links["canonical"]
    canonical_es = read_head(spanish_page).links["canonical"]
    expected = {"en": canonical_en, "es": canonical_es, "x-default": canonical_en}
    assert alternates(english) == alternates(spanish_page) == {key: escape(value) for key, value in expected.items()}
    assert canonical_es == canonical_en.replace(SITE, SITE + "/es", 1)


@pytest.mark.parametrize("url, _shareable", SHAREABLE)
def test_language_switcher_leads_to_the_same_page_and_back_keeping_the_query(client, every_page_type, url, _shareable):
    href, hreflang, lang = switcher(client.get(url).content.decode())
    assert (href.replace("&amp;", "&"), hreflang, lang) == (spanish(url), "es", "es")
    back, hreflang, lang = switcher(client.get(spanish(url)).content.decode())
    assert (back.replace("&amp;", "&"), hreflang, lang) == (url, "en", "en")
    assert ">Español</a>" in client.get(url).content.decode()


def test_spanish_404_is_in_spanish_and_its_switcher_leads_home(client, db):
    response = client.get("/es/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert html_lang(html) == "es"
    assert switcher(html)[0] == "/"
    assert html_lang(client.get("/no-such-page/").content.decode()) == "en"


@pytest.mark.parametrize("template", ["500.html", "503.html"])
def test_error_pages_take_the_language_of_the_address(rf, template):
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("es"):
        html = render_to_string(template, request=rf.get("/es/"))
    assert html_lang(html) == "es"
    assert 'href="/es/"' in html


def test_spanish_server_error_page_has_lang_es(client, db, monkeypatch):
    from careerportal import views

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views.HomeView, "get", broken)
    client.raise_request_exception = False
    response = client.get("/es/")
    assert response.status_code == 500
    assert html_lang(response.content.decode()) == "es"


def test_share_panel_qr_email_and_text_carry_the_spanish_address(client, every_page_type):
    expected = f"{SITE}/es/certifications/cpc/"
    panel = share_panel(client.get("/es/certifications/cpc/?utm_source=x").content.decode())
    assert re.findall(r'class="share-copy[^"]*" href="([^"]+)"', panel) == [expected]
    assert re.findall(r'<p class="share-url small mb-0">([^<]+)</p>', panel) == [expected]
    assert re.findall(r'<p class="share-print-url">[^<]*?(https://[^<]+)</p>', panel) == [expected]
    wanted = qr_path_data(segno.make(expected, error="m").svg_inline(omitsize=True))
    assert [qr_path_data(svg) for svg in re.findall(r"<svg.*?</svg>", panel, flags=re.S)] == [wanted, wanted]
    encoded = "https%3A%2F%2Fcareers.example.org%2Fes%2Fcertifications%2Fcpc%2F"
    assert re.search(rf'class="share-email[^"]*" href="mailto:[^"]*{encoded}"', panel)
    assert re.search(rf'class="share-text[^"]*" href="sms:[^"]*{encoded}"', panel)


def test_spanish_pages_link_spanish_feeds_and_cards(client, every_page_type):
    head = read_head(client.get("/es/certifications/cpc/").content.decode())
    assert head.meta["og:url"] == f"{SITE}/es/certifications/cpc/"
    assert head.meta["og:image"] == f"{SITE}/cards/es/certifications/cpc.png"
    feeds = re.findall(
        r'<link rel="alternate" type="application/atom\+xml" title="[^"]*" href="([^"]+)">',
        client.get("/es/certifications/cpc/").content.decode(),
    )
    assert feeds == [f"{SITE}/es/certifications/cpc/feed/", f"{SITE}/es/feed/updates/"]


@pytest.mark.parametrize("feed", ["/es/certifications/cpc/feed/", "/es/feed/updates/"])
def test_spanish_feeds_link_spanish_pages(client, every_page_type, feed):
    response = client.get(feed)
    body = response.content.decode()
    assert response.status_code == 200
    assert '<feed xml:lang="es"' in body
    assert f'href="{SITE}/es/certifications/cpc/"' in body
    assert f'href="{SITE}/certifications/cpc/"' not in body


@pytest.mark.parametrize("card", ["/cards/es/certifications/cpc.png", "/cards/es.png", "/cards/es/careers.png"])
def test_spanish_pages_have_cards(client, every_page_type, card):
    response = client.get(card)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"


@pytest.mark.parametrize(
    "url", ["/es/sitemap.xml", "/es/robots.txt", "/es/s/abc234/", "/es/cards/index.png", "/es/admin/", "/es/ping"]
)
def test_language_neutral_addresses_have_no_spanish_copy(client, db, url):
    assert client.get(url).status_code == 404


def test_robots_names_the_one_sitemap(client, db):
    assert f"Sitemap: {SITE}/sitemap.xml" in client.get("/robots.txt").content.decode()


def test_counselor_pages_answer_in_spanish(counselor_client):
    response = counselor_client.get("/es/counselor/")
    assert response.status_code == 200
    assert html_lang(response.content.decode()) == "es"


def test_counselor_sign_in_keeps_the_language(client, db):
    response = client.get("/es/counselor/")
    assert response.status_code == 302
    assert response["Location"].startswith("/es/counselor/login/")


@pytest.mark.parametrize(
    "value, target",
    [
        (f"{SITE}/es/certifications/cpc/", "/es/certifications/cpc/"),
        ("/es/certifications/cpc", "/es/certifications/cpc/"),
        ("/es/plan/?education=1", "/es/plan/?education=1"),
        ("/certifications/cpc/", "/certifications/cpc/"),
    ],
)
def test_share_link_targets_keep_their_language(every_page_type, value, target, settings):
    from django.utils import translation

    for language in ("en", "es"):  # whatever language the counselor's own page is in
        with translation.override(language):
            assert normalize_target(value) == target


@pytest.mark.parametrize("value", ["/es/counselor/", "/es/admin/", "/es/s/abc234/", "/es/certifications/nope/"])
def test_spanish_private_or_unknown_addresses_are_not_share_targets(every_page_type, value):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        normalize_target(value)


def test_a_share_link_opens_its_page_in_the_page_language(client, every_page_type, make_link):
    link = make_link("/es/certifications/cpc/", note="Lee esto")
    assert link.get_absolute_url() == f"/s/{link.code}/"
    response = client.get(link.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert html_lang(html) == "es" and response["Content-Language"] == "es"
    assert read_head(html).links["canonical"] == f"{SITE}/es/certifications/cpc/"
    assert "Lee esto" in html
    english = client.get(make_link("/certifications/cpc/").get_absolute_url())
    assert html_lang(english.content.decode()) == "en"


def test_a_counselor_makes_a_link_to_a_spanish_page_from_a_spanish_page(counselor_client, every_page_type):
    response = counselor_client.post("/es/counselor/new/", {"target": f"{SITE}/es/skills/attention-to-detail/"})
    assert response.status_code == 302
    assert response["Location"] == "/es/counselor/"
    assert ShareLink.objects.get().target == "/es/skills/attention-to-detail/"


@pytest.mark.parametrize("url", ["/certifications/cpc/", "/es/certifications/cpc/", "/", "/robots.txt"])
def test_no_response_varies_by_browser_language(client, every_page_type, url):
    response = client.get(url, headers={"accept-language": "es"})
    assert "accept-language" not in response.get("Vary", "").lower()
    assert response["Content-Language"] == ("es" if url.startswith("/es/") else "en")


@pytest.mark.parametrize(
    "url, view_name",
    [
        ("/", "home"),
        ("/certifications/", "certifications:list"),
        ("/certifications/compare/", "certifications:compare"),
        ("/certifications/cpc/", "certifications:detail"),
        ("/paths/", "qualifications:path-list"),
        ("/education/x/", "qualifications:education-detail"),
        ("/skills/", "qualifications:skill-list"),
        ("/careers/", "qualifications:careers"),
        ("/plan/", "qualifications:path-finder"),
        ("/search/", "search:results"),
        ("/counselor/", "sharing:list"),
        ("/counselor/login/", "sharing:login"),
        ("/feed/updates/", "updates-feed"),
        ("/certifications/cpc/feed/", "certification-feed"),
        ("/s/abc234/", "site:open"),
        ("/sitemap.xml", "site:sitemap"),
        ("/robots.txt", "site:robots"),
        ("/cards/certifications/cpc.png", "site:card"),
        ("/healthz", "healthz"),
        ("/admin/", "admin:index"),
    ],
)
def test_every_old_english_address_still_routes_to_its_view(url, view_name):
    from django.urls import resolve

    assert resolve(url).view_name == view_name
