import pytest
from django.contrib.auth.models import Group

from careerportal.sharing.models import COUNSELORS_GROUP, ShareLink
from tests.factories import CertificationFactory, EducationStepFactory, SkillFactory, UserFactory, build_path


def make_counselor(username):
    # The group comes from a data migration; transactional (browser) tests flush it, hence get_or_create.
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get_or_create(name=COUNSELORS_GROUP)[0])
    return user


@pytest.fixture
def counselor(db):
    return make_counselor("counselor")


@pytest.fixture
def other_counselor(db):
    return make_counselor("other-counselor")


@pytest.fixture
def counselor_client(client, counselor):
    client.force_login(counselor)
    return client


@pytest.fixture
def cpc(db):
    return CertificationFactory(code="CPC", slug="cpc", name="Certified Professional Coder", summary="Codes visits.")


@pytest.fixture
def make_link(counselor):
    def make(target, note="", owner=None, **fields):
        link = ShareLink(target=target, note=note, owner=owner or counselor, **fields)
        link.full_clean()
        link.save()
        return link

    return make


@pytest.fixture
def every_page_type(cpc):
    """One page of every type: the records behind helpers.SHAREABLE."""
    cpb = CertificationFactory(code="CPB", slug="cpb")
    step = EducationStepFactory(name="Certificate program", slug="certificate-program")
    step.prepares_for.add(cpc)
    SkillFactory(name="Attention to detail", slug="attention-to-detail")
    build_path(step, cpc, name="Coder path", slug="coder-path")
    return cpb
