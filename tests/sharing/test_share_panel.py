"""templates/includes/share_panel.html and careerportal/sharing/qr.py: copy link and QR of the canonical address."""

import re

import pytest
import segno
from django.utils.html import escape

from careerportal.sharing.compose import email_href, text_href
from careerportal.sharing.qr import qr_svg

from .helpers import SHAREABLE

pytestmark = pytest.mark.django_db

SITE = "https://careers.example.org"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def share_panel(html):
    return html.split('<section class="share-panel', 1)[1].split("</section>", 1)[0]


def qr_path_data(svg):
    return re.search(r' d="([^"]+)"', svg).group(1)


@pytest.mark.parametrize(
    "url, canonical",
    [
        ("/", "/"),
        ("/certifications/", "/certifications/"),
        ("/certifications/?focus=coding", "/certifications/?focus=coding"),
        ("/certifications/?focus=" + "x" * 400, "/certifications/"),
        ("/certifications/cpc/", "/certifications/cpc/"),
        ("/careers/", "/careers/"),
    ],
)
def test_copy_link_is_a_plain_link_to_the_shared_address(client, cpc, url, canonical):
    """The canonical address; a list keeps its filters unless the query is too long for a QR code."""
    panel = share_panel(client.get(url).content.decode())
    assert f'href="{SITE}{canonical}" data-share-copy' in panel
    assert ">Copy link</a>" in panel
    assert 'role="status" aria-live="polite"' in panel


@pytest.mark.parametrize("url, shareable", SHAREABLE)
def test_copy_link_printed_address_and_qr_code_carry_the_shareable_address(client, every_page_type, url, shareable):
    """Regression: compare appended its query to a canonical address that already held it."""
    expected = SITE + shareable
    panel = share_panel(client.get(url).content.decode())
    assert re.findall(r'class="share-copy[^"]*" href="([^"]+)"', panel) == [escape(expected)]
    assert re.findall(r'<p class="share-url small mb-0">([^<]+)</p>', panel) == [escape(expected)]
    assert re.findall(r'<p class="share-print-url">Live page: ([^<]+)</p>', panel) == [escape(expected)]
    svgs = re.findall(r"<svg.*?</svg>", panel, flags=re.S)
    assert len(svgs) == 2
    wanted = qr_path_data(segno.make(expected, error="m").svg_inline(omitsize=True))
    assert [qr_path_data(svg) for svg in svgs] == [wanted, wanted]


def test_qr_code_is_inline_svg_of_the_canonical_address(client, cpc):
    html = client.get("/certifications/cpc/?utm_source=x").content.decode()
    panel = share_panel(html)
    expected = segno.make(f"{SITE}/certifications/cpc/", error="m")
    svgs = re.findall(r"<svg.*?</svg>", panel, flags=re.S)
    assert len(svgs) == 2  # on screen (in <details>) and on paper
    for svg in svgs:
        assert qr_path_data(svg) == qr_path_data(expected.svg_inline(omitsize=True))
    assert f'<p class="share-url small mb-0">{SITE}/certifications/cpc/</p>' in panel
    assert "utm_source" not in panel


def test_qr_svg_has_no_style_attribute_and_an_accessible_name():
    svg = str(qr_svg(f"{SITE}/careers/"))
    assert "style" not in svg
    assert svg.startswith('<svg role="img" ')
    assert f"<title>QR code of the address {SITE}/careers/</title>" in svg


def test_share_script_and_print_styles_come_from_static_files(client, cpc):
    html = client.get("/certifications/cpc/").content.decode()
    assert '<script src="/static/js/share.js" defer></script>' in html
    assert '<link rel="stylesheet" href="/static/css/share.css">' in html
    assert " style=" not in share_panel(html)
    assert 'class="share-print" aria-hidden="true"' in share_panel(html)


@pytest.mark.parametrize("url", ["/qr/", "/qr.svg", "/share/qr/?url=https://evil.example/", "/s/qr/"])
def test_no_address_makes_a_qr_code_of_an_arbitrary_url(client, db, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "<svg" not in response.content.decode()


@pytest.mark.parametrize("url", ["/counselor/", "/counselor/new/"])
def test_counselor_pages_have_no_share_panel_and_are_not_indexed(counselor_client, url):
    html = counselor_client.get(url).content.decode()
    assert "share-panel" not in html
    assert 'rel="canonical"' not in html and "application/ld+json" not in html
    assert '<meta name="robots" content="noindex, nofollow">' in html


def test_sign_in_page_is_not_indexed(client, db):
    html = client.get("/counselor/login/").content.decode()
    assert '<meta name="robots" content="noindex, nofollow">' in html and "share-panel" not in html


def test_email_and_text_links_carry_the_title_and_address_percent_encoded(client, cpc):
    """Counselors share by email and text too: plain mailto:/sms: links, no JavaScript needed."""
    panel = share_panel(client.get("/certifications/cpc/?utm_source=x").content.decode())
    title = "CPC%20%28Certified%20Professional%20Coder%29"  # the page title: the record
    address = "https%3A%2F%2Fcareers.example.org%2Fcertifications%2Fcpc%2F"
    assert f'href="mailto:?subject={title}&amp;body={title}%0D%0A{address}">Email</a>' in panel
    assert f'href="sms:?&amp;body={title}%20{address}">Text message</a>' in panel


def test_message_links_encode_every_reserved_character(client, every_page_type):
    """A compare address holds & and =; a title may hold & or #: none may end the parameter early."""
    panel = share_panel(client.get("/certifications/compare/?c=cpb&c=cpc").content.decode())
    address = "https%3A%2F%2Fcareers.example.org%2Fcertifications%2Fcompare%2F%3Fc%3Dcpb%26c%3Dcpc"
    assert f'href="sms:?&amp;body=Compare%20certifications%20{address}">' in panel
    assert f"subject=Compare%20certifications&amp;body=Compare%20certifications%0D%0A{address}" in panel


def test_compose_links_escape_ampersands_hashes_and_line_breaks():
    assert email_href(title="A & B #1", url="https://x.org/?a=1&b=2") == (
        "mailto:?subject=A%20%26%20B%20%231&body=A%20%26%20B%20%231%0D%0Ahttps%3A%2F%2Fx.org%2F%3Fa%3D1%26b%3D2"
    )
    assert (
        text_href(title="Ünïcode?", url="https://x.org/") == "sms:?&body=%C3%9Cn%C3%AFcode%3F%20https%3A%2F%2Fx.org%2F"
    )
