import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_page_loads_in_chromium(page, live_server):
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text().startswith("Find your route")
