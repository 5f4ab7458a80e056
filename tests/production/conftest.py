import pytest

from bench.harness import manage
from bench.harness import production_env as bench_production_env


@pytest.fixture(scope="session")
def production_env(tmp_path_factory):
    """Production settings over plain http, with static files collected as in a deployment."""
    env = bench_production_env(None, tmp_path_factory.mktemp("production"))
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    return env
