"""careerportal/sharing/admin.py: share links are listed and editable in the admin."""

import pytest

from careerportal.sharing.models import ShareLink

pytestmark = pytest.mark.django_db


def test_admin_lists_and_opens_share_links(client, superuser, make_link, cpc):
    link = make_link("/certifications/cpc/", note="A note")
    client.force_login(superuser)
    assert link.code in client.get("/admin/sharing/sharelink/").content.decode()
    assert client.get(f"/admin/sharing/sharelink/{link.pk}/change/").status_code == 200
    assert client.get("/admin/sharing/sharelink/?retired_at__isnull=True").status_code == 200


def test_admin_add_validates_the_target_and_sets_the_owner(client, superuser, cpc):
    client.force_login(superuser)
    bad = client.post("/admin/sharing/sharelink/add/", {"target": "/admin/", "note": ""})
    assert bad.status_code == 200 and not ShareLink.objects.exists()
    good = client.post("/admin/sharing/sharelink/add/", {"target": "/certifications/cpc/", "note": ""})
    assert good.status_code == 302
    assert ShareLink.objects.get().owner == superuser
