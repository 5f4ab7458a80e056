"""Shared pieces of the benchmark scripts: databases, a production gunicorn, wrk."""

import contextlib
import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).parent / "gunicorn")
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/careerportal_bench")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fresh_postgres(url=POSTGRES_URL):
    import psycopg2

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    admin = psycopg2.connect(urllib.parse.urlunsplit(parts._replace(path="/postgres")))
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    return url


def production_env(database_url, workdir, **extra):
    """Environment of the production setup, over plain http on loopback.
    `database_url` None keeps the inherited DATABASE_URL (or the SQLite default)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "careerportal.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-only-" + "k" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_HSTS_SECONDS": "0",
        "DJANGO_STATIC_ROOT": str(Path(workdir) / "static"),
        "DJANGO_CACHE_DIR": str(Path(workdir) / "cache"),
        "GUNICORN_WORKERS": os.environ.get("BENCH_WORKERS", "3"),
        **extra,
    }
    if database_url is not None:
        env["DATABASE_URL"] = database_url
    return env


def manage(env, *args, capture=False, root=ROOT):
    """manage.py of the checkout at `root` (this one, or an earlier commit's: checkout())."""
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=root, env=env, check=True, text=True, capture_output=capture, timeout=1800
    )


def prepare_database(env, root=ROOT):
    manage(env, "collectstatic", "--noinput", "--verbosity", "0", root=root)
    manage(env, "migrate", "--noinput", "--verbosity", "0", root=root)
    manage(env, "load_starter_content", capture=True, root=root)


def checkout(commit, into):
    """The files of `commit` in the folder `into` (no .git: the repository is not touched), with
    its interface translations compiled, to run next to the working tree with the same Python."""
    into = Path(into)
    into.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", commit], cwd=ROOT, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    subprocess.run(
        [PYTHON, "manage.py", "compilemessages", "--ignore", ".venv", "--verbosity", "0"], cwd=into, check=True
    )
    return into


@contextlib.contextmanager
def gunicorn(env, log_path, root=ROOT):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [GUNICORN, "-c", "gunicorn.conf.py", "careerportal.wsgi"],
            cwd=root,
            env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            for _ in range(150):
                with contextlib.suppress(OSError):
                    if urllib.request.urlopen(base + "/ping", timeout=2).status == 200:  # noqa: S310 - loopback
                        break
                time.sleep(0.2)
            else:
                raise RuntimeError(f"gunicorn did not start; see {log_path}")
            yield base
        finally:
            server.terminate()
            server.wait(timeout=30)


def server_errors(log_path):
    """5xx lines in the app's request log."""
    pattern = re.compile(r"careerportal\.requests \S+ \S+ (5\d\d) ")
    return sum(1 for line in Path(log_path).read_text().splitlines() if pattern.search(line))


def require_wrk():
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install -y wrk")


def _ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def wrk(url, *, seconds, connections, threads=2):
    """Run wrk and return req/s, p50 and p99 latency (ms) and the error count."""
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s", url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    percentile = {p: _ms(v, u) for p, v, u in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s|m)$", out, re.M)}
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = (int(non_2xx.group(1)) if non_2xx else 0) + (
        sum(int(n) for n in socket_errors.groups()) if socket_errors else 0
    )
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": percentile.get("50"),
        "p99": percentile.get("99"),
        "errors": errors,
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
    }


def workdir():
    return tempfile.mkdtemp(prefix="careerportal-bench-")


class AdminSession:
    """A tiny HTTP client with cookies: enough to sign in to the admin and post its forms."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path):
        """(status, headers, text) of a GET, without raising on 4xx/5xx."""
        try:
            with self.opener.open(self.base + path, timeout=10) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def post(self, path, fields):
        data = urllib.parse.urlencode(fields, doseq=True).encode()
        request = urllib.request.Request(self.base + path, data=data, headers={"Referer": self.base + path})
        with self.opener.open(request, timeout=10) as response:
            return response.status, response.read().decode()

    def post_form(self, path, fields):
        """POST `fields` with the CSRF token of the form at `path`."""
        page = self.get(path)[2]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        return self.post(path, {**fields, "csrfmiddlewaretoken": token})

    def log_in(self, username, password):
        status, page = self.post_form("/admin/login/?next=/admin/", {"username": username, "password": password})
        if "/admin/logout/" not in page and "log out" not in page.lower():
            raise RuntimeError(f"could not sign in as {username}")
