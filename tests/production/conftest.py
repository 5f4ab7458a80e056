import os
import subprocess
import sys

import pytest
from django.conf import settings


@pytest.fixture(scope="session")
def production_env(tmp_path_factory):
    """Production settings over plain http, with static files collected as in a deployment."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "careerportal.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "test-only-" + "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_HSTS_SECONDS": "0",
        "DJANGO_STATIC_ROOT": str(tmp_path_factory.mktemp("static")),
        "DJANGO_CACHE_DIR": str(tmp_path_factory.mktemp("cache")),
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
        timeout=300,
    )
    return env
