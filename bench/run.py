"""The load benchmark (make bench). See bench/README.md; writes docs/benchmarks.md.

For SQLite and PostgreSQL, with the page cache on and off, it serves the
production setup with gunicorn and loads each page with wrk at 16 connections,
next to a baseline view that answers "ok" through the same middleware. Ratios
to that baseline, measured in the same run, are what to compare across runs."""

import datetime
import json
import os
import platform
from pathlib import Path

from bench import edit_under_load
from bench.harness import (
    ROOT,
    fresh_postgres,
    gunicorn,
    manage,
    prepare_database,
    production_env,
    require_wrk,
    server_errors,
    workdir,
    wrk,
)

SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = 16
PAGES = {
    "baseline (/ping)": "/ping",
    "home": "/",
    "certification": "/certifications/cpc/",
    "path": "/paths/medical-coder-certificate-cpc/",
    "compare": "/certifications/compare/?c=cpb&c=cpc",
    "search": "/search/?q=coder",
    "path finder result": (
        "/plan/?education=10&interest=coding&hours_per_week=10&budget_usd=3000&start_within_months=12"
    ),
}
TARGETS = {"cached": 0.70, "uncached": 0.25}
P99_TARGET_MS = 100

MEASURE_PAGES = """
import json, os
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client(HTTP_HOST="127.0.0.1")
result = {}
for name, url in json.loads(os.environ["BENCH_PAGES"]).items():
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    result[name] = {"status": response.status_code, "queries": len(queries), "bytes": len(response.content)}
print(json.dumps(result))
"""


def measure_pages(env):
    """Queries and HTML bytes of each page, uncached, in one process."""
    env = {**env, "PAGE_CACHE_SECONDS": "0", "BENCH_PAGES": json.dumps(PAGES)}
    out = manage(env, "shell", "-c", MEASURE_PAGES, capture=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def load_pages(env, mode, work):
    log = Path(work) / f"gunicorn-{mode}.log"
    results = {}
    with gunicorn({**env, "PAGE_CACHE_SECONDS": "600" if mode == "cached" else "0"}, log) as base:
        for url in PAGES.values():  # warm up: connections, templates, the cache
            wrk(base + url, seconds=1, connections=2, threads=1)
        for name, url in PAGES.items():
            results[name] = wrk(base + url, seconds=SECONDS, connections=CONNECTIONS)
            print(
                f"  {mode:8} {name:22} {results[name]['rps']:8.0f} req/s  p99 {results[name]['p99']:.1f} ms", flush=True
            )
    results["_server_5xx"] = server_errors(log)
    return results


SEARCH_QUERIES = ["cpc", "certifed profesional coder", "coder", "medical coder"]


def search_medians_with_extra_records(env, count=10_000):
    """Median ms of a search request per query, with `count` extra generated records (bench/search_data.py)."""
    script = (
        "import json; from bench.search_data import generate_search_records, measure_search;"
        f"generate_search_records({count});"
        f"print(json.dumps(measure_search({SEARCH_QUERIES!r}, runs=50)))"
    )
    out = manage({**env, "PAGE_CACHE_SECONDS": "0"}, "shell", "-c", script, capture=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def row(name, result, baseline, mode):
    ratio = result["rps"] / baseline["rps"] if baseline["rps"] else 0
    met = (
        (name.startswith("baseline") or ratio >= TARGETS[mode])
        and result["p99"] is not None
        and result["p99"] <= P99_TARGET_MS
        and result["errors"] == 0
    )
    return (
        f"| {name} | {result['rps']:.0f} | {result['p50']:.1f} | {result['p99']:.1f} | {result['errors']} "
        f"| {ratio:.0%} | {'yes' if met else '**no**'} |"
    )


def report(sections, started):
    lines = [
        "# Benchmarks",
        "",
        f"Run by `make bench` on {started:%Y-%m-%d %H:%M} UTC; {os.cpu_count()} cores, {platform.python_version()}, "
        f"gunicorn with {os.environ.get('BENCH_WORKERS', '3')} sync workers, wrk at {CONNECTIONS} connections for "
        f"{SECONDS} s per page (wrk runs on the same machine and takes CPU from the server). Targets: cached pages "
        f"≥ {TARGETS['cached']:.0%} of the baseline's req/s, uncached ≥ {TARGETS['uncached']:.0%}, p99 ≤ "
        f"{P99_TARGET_MS} ms, zero errors. Absolute numbers vary with the machine; the ratios are the result.",
        "",
    ]
    for section in sections:
        lines += section
    return "\n".join(lines) + "\n"


def main():
    require_wrk()
    started = datetime.datetime.now(datetime.UTC)
    sections = []
    for database in os.environ.get("BENCH_DATABASES", "sqlite,postgresql").split(","):
        work = workdir()
        url = f"sqlite:///{work}/bench.sqlite3" if database == "sqlite" else fresh_postgres()
        env = production_env(url, work)
        print(f"== {database}: preparing", flush=True)
        prepare_database(env)
        pages = measure_pages(env)
        section = [f"## {database}", ""]
        for mode in ("cached", "uncached"):
            results = load_pages(env, mode, work)
            baseline = results["baseline (/ping)"]
            section += [
                f"### {mode} ({results['_server_5xx']} server errors logged)",
                "",
                "| page | req/s | p50 ms | p99 ms | errors | vs baseline | targets met |",
                "|---|---|---|---|---|---|---|",
                *[row(name, results[name], baseline, mode) for name in PAGES],
                "",
            ]
        section += [
            "### Queries and HTML size per page (uncached)",
            "",
            "| page | status | queries | HTML bytes |",
            "|---|---|---|---|",
        ]
        section += [f"| {name} | {p['status']} | {p['queries']} | {p['bytes']:,} |" for name, p in pages.items()]
        section.append("")
        print(f"== {database}: edits under load", flush=True)
        section += edit_under_load.run(env, work)
        if database == "postgresql":
            print("== postgresql: search with 10,000 extra records", flush=True)
            medians = search_medians_with_extra_records(env)
            section += [
                "### Search with 10,000 extra records",
                "",
                "Median time of a search request, 50 requests per query in one process, page cache off:",
                "",
                "| query | median ms |",
                "|---|---|",
                *[f"| `{query}` | {timing['median_ms']:.1f} |" for query, timing in medians.items()],
                "",
            ]
        sections.append(section)
    out = ROOT / "docs" / "benchmarks.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text(report(sections, started))
    print(f"wrote {out.relative_to(ROOT)}")
    print(out.read_text())


if __name__ == "__main__":
    main()
