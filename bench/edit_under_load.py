"""Load without loss: while wrk loads the site, make content edits through the
admin and check that every edit is stored and visible on the public page at
once, and that the server logged no 5xx. Run by bench/run.py; on its own:
`python -m bench.edit_under_load` (SQLite)."""

import html.parser
import re
import statistics
import subprocess
import time
from pathlib import Path

from bench.harness import AdminSession, gunicorn, manage, prepare_database, production_env, server_errors, workdir

CERTIFICATION = "cpc"
SECONDS, CONNECTIONS, EDITS = 60, 32, 200


class FormFields(html.parser.HTMLParser):
    """The fields a browser would submit from the form with the given id."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id, self.inside, self.fields = form_id, False, []
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or "name" not in attrs and tag != "option":
            return
        if tag == "input" and attrs.get("type") not in ("submit", "button", "file", "image"):
            if attrs.get("type") not in ("checkbox", "radio"):
                self.fields.append((attrs["name"], attrs.get("value") or ""))
            elif "checked" in attrs:
                self.fields.append((attrs["name"], attrs.get("value") or "on"))
        elif tag == "select":
            self._select = attrs["name"]
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields.append((self._select, attrs.get("value", "")))
        elif tag == "textarea":
            self._textarea = [attrs["name"], ""]

    def handle_data(self, data):
        if self._textarea:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            name, text = self._textarea
            self.fields.append((name, text[1:] if text.startswith("\n") else text))
            self._textarea = None


def edit_summary(session, change_path, text):
    page = session.get(change_path)[2]
    parser = FormFields("certification_form")
    parser.feed(page)
    # The English summary: the form has one field per language (summary_en, summary_es).
    if not any(name == "summary_en" for name, _value in parser.fields):
        raise RuntimeError("the change form has no summary_en field")
    fields = [(name, value) for name, value in parser.fields if name != "summary_en"]
    fields += [("summary_en", text), ("_save", "Save")]
    status, body = session.post(change_path, fields)
    if "errornote" in body:
        raise RuntimeError(f"the admin refused the edit: {re.findall(r'errorlist[^>]*>(.*?)</ul>', body)[:3]}")
    return status


def run(env, work, *, seconds=SECONDS, connections=CONNECTIONS, edits=EDITS):
    """Markdown lines reporting the run."""
    manage(
        env,
        "shell",
        "-c",
        "from django.contrib.auth.models import User; "
        "User.objects.filter(username='bench').exists() or "
        "User.objects.create_superuser('bench', 'bench@example.org', 'bench-password-123')",
        capture=True,
    )
    log = Path(work) / "gunicorn-edits.log"
    lost, stale, durations = [], [], []
    with gunicorn(env, log) as base:
        session = AdminSession(base)
        session.log_in("bench", "bench-password-123")
        changelist = session.get(f"/admin/certifications/certification/?q={CERTIFICATION}")[2]
        pk = re.search(r"/admin/certifications/certification/(\d+)/change/", changelist).group(1)
        change_path = f"/admin/certifications/certification/{pk}/change/"
        load = subprocess.Popen(
            [
                "wrk",
                "-t2",
                f"-c{connections}",
                f"-d{seconds}s",
                "--timeout",
                "5s",
                f"{base}/certifications/{CERTIFICATION}/",
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        visitor = AdminSession(base)  # anonymous: gets cached pages
        started = time.monotonic()
        for number in range(1, edits + 1):
            marker = f"Benchmark edit {number} of {edits}."
            edit_started = time.perf_counter()
            edit_summary(session, change_path, marker)
            durations.append(time.perf_counter() - edit_started)
            if marker not in visitor.get(f"/certifications/{CERTIFICATION}/")[2]:
                stale.append(number)
        edit_seconds = time.monotonic() - started
        load_output = load.communicate()[0]
    stored = (
        manage(
            env,
            "shell",
            "-c",
            f"from certifications.models import Certification; "
            f"print(Certification.objects.get(slug='{CERTIFICATION}').summary_en); "
            f"print(Certification.history.filter(id={pk}, summary_en__startswith='Benchmark edit').count())",
            capture=True,
        )
        .stdout.strip()
        .splitlines()
    )
    if stored[-2] != f"Benchmark edit {edits} of {edits}.":
        lost.append("last edit not stored")
    recorded = int(stored[-1])
    requests = re.search(r"(\d+) requests in", load_output).group(1)
    errors = server_errors(log)
    return [
        f"### Edits under load ({connections} connections for {seconds} s)",
        "",
        f"- {edits} edits through the admin in {edit_seconds:.1f} s "
        f"(median {statistics.median(durations) * 1000:.0f} ms each) "
        f"while wrk made {requests} requests to the edited page.",
        f"- Stored: {recorded} of {edits} edits in the history{'; ' + ', '.join(lost) if lost else ''}.",
        f"- Visible on the public page on the next request: {edits - len(stale)} of {edits}"
        f"{' (stale after edits ' + ', '.join(map(str, stale[:10])) + ')' if stale else ''}.",
        f"- Server errors (5xx) logged: {errors}.",
        "",
    ]


if __name__ == "__main__":
    work = workdir()
    env = production_env(f"sqlite:///{work}/bench.sqlite3", work)
    prepare_database(env)
    print("\n".join(run(env, work)))
