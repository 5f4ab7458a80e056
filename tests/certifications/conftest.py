"""The admin roles' users from the publishing tests, for the requirement inline's admin tests."""

from tests.publishing.conftest import (  # noqa: F401 - fixtures
    editor,
    editor_client,
    fast_password_hashing,
    publisher,
    publisher_client,
    roles,
)
