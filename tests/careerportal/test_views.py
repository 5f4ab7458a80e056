"""careerportal/views.py: robots.txt."""


def test_robots_txt_points_to_the_sitemap_and_keeps_private_areas_out(client, db, settings):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Disallow: /counselor/" in lines
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in lines
