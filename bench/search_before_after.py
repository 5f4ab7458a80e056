"""Search timings of two versions of the code in one run, as ratios of a trivial baseline.

Run by hand, not in CI. Each side is a checkout of the project and a database
filled by `bench.search_data generate` (and migrated by that checkout):

    git archive <before-commit> | tar -x -C /tmp/before
    python -m bench.search_before_after --before /tmp/before postgres://.../bench_before \\
        --after . postgres://.../bench_after cpc coder "medical coder" "certifed profesional coder" biling

`--path /es/search/` times the Spanish search page instead. The sides take turns
(`--rounds`, a fresh process each time) so that the other
work on a shared machine slows both alike; each process times `/ping` (the same
middleware, no query) next to `GET /search/?q=…` in-process through the Django
test client with the page cache and the kept page bodies off
(PAGE_BODY_CACHE_SECONDS=0), and the report gives each median in ms and
as a multiple of that process's `/ping` median. The code run in each process is
below (`PROBE`): it uses only Django's test client, so it works on any version.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

PROBE = """
import json, os, statistics, sys, time
sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerportal.settings")
import django
django.setup()
from django.test import Client
from django.test.utils import override_settings
queries, runs, search_path, warmup = json.loads(sys.argv[1]), int(sys.argv[2]), sys.argv[3], 3
client = Client(HTTP_HOST="localhost")

def median_ms(path, params):
    timings = []
    for attempt in range(warmup + runs):
        started = time.perf_counter()
        response = client.get(path, params)
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, (path, params, response.status_code)
        if attempt >= warmup:
            timings.append(elapsed)
    return statistics.median(timings)

# Kept page bodies (careerportal/page_bodies.py) would answer a repeated query in ~2 ms: off too.
with override_settings(PAGE_CACHE_SECONDS=0, PAGE_BODY_CACHE_SECONDS=0, DEBUG=False):
    result = {"/ping": median_ms("/ping", {})}
    for query in queries:
        result[query] = median_ms(search_path, {"q": query})
print(json.dumps(result))
"""


def probe(directory, database_url, queries, runs, search_path):
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "PYTHONWARNINGS": "ignore",
        "PAGE_BODY_CACHE_SECONDS": "0",  # every request runs the search, not a kept body
    }
    completed = subprocess.run(  # noqa: S603 - our own interpreter and probe
        [sys.executable, "-c", PROBE, json.dumps(queries), str(runs), search_path],
        cwd=directory,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


def compare(sides, queries, *, rounds=3, runs=10, search_path="/search/"):
    """{side: {query or "/ping": [median ms of each round]}}."""
    results = {name: {} for name, _directory, _url in sides}
    for _round in range(rounds):
        for name, directory, url in sides:
            for key, value in probe(directory, url, queries, runs, search_path).items():
                results[name].setdefault(key, []).append(value)
    return results


def report(results, queries):
    names = list(results)
    header = "| query | " + " | ".join(f"{name} ms | {name} × /ping" for name in names) + " |"
    lines = [header, "|---|" + "---:|---:|" * len(names)]
    for key in ["/ping", *queries]:
        cells = []
        for name in names:
            median = statistics.median(results[name][key])
            ratio = median / statistics.median(results[name]["/ping"])
            cells += [f"{median:.1f}", f"{ratio:.0f}"]
        label = "baseline `/ping`" if key == "/ping" else f"`{key}`"
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", nargs=2, metavar=("DIR", "DATABASE_URL"), required=True)
    parser.add_argument("--after", nargs=2, metavar=("DIR", "DATABASE_URL"), required=True)
    parser.add_argument("queries", nargs="+")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--path", default="/search/", help="the search page, /es/search/ for Spanish")
    args = parser.parse_args(argv)
    sides = [
        ("before", str(Path(args.before[0]).resolve()), args.before[1]),
        ("after", str(Path(args.after[0]).resolve()), args.after[1]),
    ]
    results = compare(sides, args.queries, rounds=args.rounds, runs=args.runs, search_path=args.path)
    print(
        f"{args.path}: {args.rounds} rounds of {args.runs} requests per query and side, sides taking turns; "
        "medians of rounds:"
    )
    print(report(results, args.queries))


if __name__ == "__main__":
    main()
