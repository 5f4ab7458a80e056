"""A skill's page says how people build it only from sources, and says so when none does."""

import pytest

from tests.factories import SkillFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_skill_without_sourced_advice_says_so_instead_of_filling(client):
    skill = SkillFactory(how_to_build="")
    html = client.get(skill.get_absolute_url()).content.decode()
    assert "No source we found says how people build this skill" in html


def test_skill_with_sourced_advice_points_to_its_sources(client):
    skill = SkillFactory(how_to_build="PCAP programs give at least 150 real-world coding cases.")
    skill.sources.add(SourceFactory(title="PCAP"))
    html = client.get(skill.get_absolute_url()).content.decode()
    assert "150 real-world coding cases" in html
    assert html.index("150 real-world") < html.index("PCAP</a>")
