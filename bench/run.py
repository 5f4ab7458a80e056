"""The load benchmark (make bench). See bench/README.md; writes docs/benchmarks.md.

For SQLite and PostgreSQL, with the page cache on and off, it serves the
production setup with gunicorn and loads each page with wrk at 16 connections,
next to a baseline view that answers "ok" through the same middleware. Ratios
to that baseline, measured in the same run, are what to compare across runs.
The code before issue 15's rendering work (BENCH_BEFORE, a commit) runs next to
the working tree in the same run, page by page in turn, each with its own database."""

import contextlib
import datetime
import json
import os
import platform
from pathlib import Path

from bench import edit_under_load
from bench.harness import (
    POSTGRES_URL,
    ROOT,
    checkout,
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
#: The commit before issue 15 made uncached pages cheaper; "" runs the working tree alone.
BEFORE = os.environ.get("BENCH_BEFORE", "4254632")
BASELINE = "baseline (/ping)"
PAGES = {
    BASELINE: "/ping",
    "home": "/",
    "certification": "/certifications/cpc/",
    "path": "/paths/medical-coder-certificate-cpc/",
    "compare": "/certifications/compare/?c=cpb&c=cpc",
    "search": "/search/?q=coder",
    "path finder result": (
        "/plan/?education=10&interest=coding&hours_per_week=10&budget_usd=3000&start_within_months=12"
    ),
}
#: Least share of the baseline's req/s, by mode and page (issue 15); p99 and errors apply to every page.
TARGETS = {
    "cached": dict.fromkeys(PAGES, 0.70),
    "uncached": {**dict.fromkeys(PAGES, 0.25), "search": 0.15, "path finder result": 0.15},
}
P99_TARGET_MS = 100
HEAVIEST_PAGE = "certification"

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

#: In one process, page cache off: after each of RUNS edits (a certification saved, as the admin
#: does), the time of the first request of each page, then of the next one; /ping timed alike.
FIRST_AFTER_EDIT = """
import json, os, statistics, time, logging
logging.disable(logging.INFO)
from django.test import Client
from certifications.models import Certification
client = Client(HTTP_HOST="127.0.0.1")
pages = json.loads(os.environ["BENCH_PAGES"])
for url in pages.values():
    client.get(url)
times = {name: {"first": [], "next": []} for name in pages}
for _ in range(int(os.environ["BENCH_RUNS"])):
    Certification.objects.get(slug="cpc").save()
    for name, url in pages.items():
        for moment in ("first", "next"):
            started = time.perf_counter()
            client.get(url)
            times[name][moment].append((time.perf_counter() - started) * 1000)
print(json.dumps({name: {m: statistics.median(v) for m, v in t.items()} for name, t in times.items()}))
"""

#: cProfile of one page, page cache off, in one process after a warm-up: the top functions by own time.
PROFILE = """
import cProfile, json, os, pstats, logging
logging.disable(logging.INFO)
from django.test import Client
client = Client(HTTP_HOST="127.0.0.1")
url, runs = os.environ["BENCH_URL"], int(os.environ["BENCH_RUNS"])
for _ in range(3):
    client.get(url)
profile = cProfile.Profile()
profile.enable()
for _ in range(runs):
    client.get(url)
profile.disable()
stats = pstats.Stats(profile)
total = sum(row[2] for row in stats.stats.values())
rows = sorted(stats.stats.items(), key=lambda item: item[1][2], reverse=True)[:12]
def where(path):
    return os.path.relpath(path) if path.startswith(os.getcwd()) else path.split("site-packages/")[-1]
def named(function):
    return function.split(" at 0x")[0] + (">" if " at 0x" in function else "")
print(json.dumps({
    "ms": total * 1000 / runs,
    "calls": sum(row[1] for row in stats.stats.values()) // runs,
    "top": [[f"{where(path)}:{line} {named(function)}", row[1] // runs, row[2] * 1000 / runs, row[3] * 1000 / runs]
            for (path, line, function), row in rows],
}))
"""


def run_script(env, side, script, **extra):
    """The JSON a shell script printed last, run in the side's checkout with its database."""
    env = {**env, "PAGE_CACHE_SECONDS": "0", "BENCH_PAGES": json.dumps(PAGES), **extra}
    out = manage(env, "shell", "-c", script, capture=True, root=side["root"]).stdout
    return json.loads(out.strip().splitlines()[-1])


def load_pages(sides, mode, work):
    """wrk on every page of every side, the sides taking turns page by page so both meet the same noise.

    Each page's /ping is measured right before it, on the same side: on a shared machine /ping alone
    varied by a third between runs minutes apart, so one /ping per table set every ratio of that table
    by chance. The baseline row gives the median of those runs."""
    results = {name: {} for name in sides}
    page_cache = {"PAGE_CACHE_SECONDS": "600" if mode == "cached" else "0"}
    logs = {name: Path(work) / f"gunicorn-{name.split()[0]}-{mode}.log" for name in sides}
    servers = {}
    pings = {name: [] for name in sides}
    with contextlib.ExitStack() as stack:
        for name, side in sides.items():
            servers[name] = stack.enter_context(gunicorn({**side["env"], **page_cache}, logs[name], root=side["root"]))
        for base in servers.values():
            for url in PAGES.values():  # warm up: connections, templates, the caches
                wrk(base + url, seconds=1, connections=2, threads=1)
        for page, url in PAGES.items():
            if page == BASELINE:
                continue
            for name, base in servers.items():
                ping = wrk(base + PAGES[BASELINE], seconds=SECONDS, connections=CONNECTIONS)
                pings[name].append(ping)
                results[name][page] = result = {
                    **wrk(base + url, seconds=SECONDS, connections=CONNECTIONS),
                    "baseline_rps": ping["rps"],
                }
                print(
                    f"  {mode:8} {name:16} {page:20} {result['rps']:8.0f} req/s  p99 {result['p99']} ms"
                    f"  (/ping just before: {ping['rps']:.0f} req/s, p99 {ping['p99']} ms)",
                    flush=True,
                )
    for name in sides:
        results[name][BASELINE] = median_run(pings[name])
        results[name]["_server_5xx"] = server_errors(logs[name])
    return results


def median_run(runs):
    """The run with the median req/s, with the lowest and highest req/s of all the runs."""
    ordered = sorted(runs, key=lambda run: run["rps"])
    return {**ordered[len(ordered) // 2], "range": (ordered[0]["rps"], ordered[-1]["rps"])}


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


def ratio(result, baseline):
    """A page's req/s as a share of the /ping measured just before it (the median /ping for the baseline row)."""
    reference = result.get("baseline_rps", baseline["rps"])
    return result["rps"] / reference if reference else 0


def meets_targets(page, result, baseline, mode):
    return (
        (page == BASELINE or ratio(result, baseline) >= TARGETS[mode][page])
        and result["p99"] is not None
        and result["p99"] <= P99_TARGET_MS
        and result["errors"] == 0
    )


def row(page, results, sides, mode):
    """One page: each side's req/s, p99, errors and share of its own baseline; targets met by the last side."""
    cells = []
    for name in sides:
        result, baseline = results[name][page], results[name][BASELINE]
        p99 = "—" if result["p99"] is None else f"{result['p99']:.1f}"
        rps = f"{result['rps']:.0f}" + (" ({:.0f}–{:.0f})".format(*result["range"]) if "range" in result else "")
        cells.append(f"{rps} | {p99} | {result['errors']} | {ratio(result, baseline):.0%}")
    last = results[list(sides)[-1]]
    met = meets_targets(page, last[page], last[BASELINE], mode)
    target = "" if page == BASELINE else f"≥ {TARGETS[mode][page]:.0%}"
    return f"| {page} | {' | '.join(cells)} | {target} | {'yes' if met else '**no**'} |"


def load_section(results, sides, mode):
    errors = ", ".join(f"{name}: {results[name]['_server_5xx']}" for name in sides)
    header = " | ".join(f"{name} req/s | p99 ms | errors | vs /ping" for name in sides)
    return [
        f"### Page cache {'on' if mode == 'cached' else 'off'} (server errors logged: {errors})",
        "",
        f"| page | {header} | target | met ({list(sides)[-1]}) |",
        "|---" * (3 + 4 * len(sides)) + "|",
        *[row(page, results, sides, mode) for page in PAGES],
        "",
    ]


def first_after_edit_section(timings, sides):
    names = list(sides)
    header = " | ".join(f"{name}: first | next" for name in names)
    lines = [
        "### First request after an edit (page cache off, one process)",
        "",
        f"Median of {EDIT_RUNS} edits (a certification saved, which bumps the content generation); each page's first "
        "request after the edit, then the next one, in ms and as a multiple of `/ping` timed alike:",
        "",
        f"| page | {header} |",
        "|---" * (1 + 2 * len(names)) + "|",
    ]
    for page in PAGES:
        cells = []
        for name in names:
            ping = timings[name][BASELINE]["next"]
            for moment in ("first", "next"):
                ms = timings[name][page][moment]
                cells.append(f"{ms:.1f} ms ({ms / ping:.1f}×)")
        lines.append(f"| {page} | {' | '.join(cells)} |")
    return [*lines, ""]


def profile_section(profiles, sides):
    lines = [f"### Profile of the heaviest page ({HEAVIEST_PAGE}, `{PAGES[HEAVIEST_PAGE]}`, page cache off)", ""]
    for name in sides:
        profile = profiles[name]
        lines += [
            f"**{name}**: {profile['ms']:.1f} ms under cProfile, {profile['calls']:,} function calls per request. "
            "Top functions by own time, per request:",
            "",
            "| function | calls | own ms | cumulative ms |",
            "|---|---|---|---|",
            *[f"| `{fn}` | {calls} | {own:.2f} | {cumulative:.2f} |" for fn, calls, own, cumulative in profile["top"]],
            "",
        ]
    return lines


def report(sections, started, sides):
    lines = [
        "# Benchmarks",
        "",
        f"Run by `make bench` on {started:%Y-%m-%d %H:%M} UTC; {os.cpu_count()} cores, {platform.python_version()}, "
        f"gunicorn with {os.environ.get('BENCH_WORKERS', '3')} sync workers, wrk at {CONNECTIONS} connections for "
        f"{SECONDS} s per page (wrk runs on the same machine and takes CPU from the server); each page's ratio is to "
        "the `/ping` measured just before it on the same server, and the baseline row gives the median `/ping` "
        "(lowest–highest in brackets). "
        + (
            f"**{' and '.join(sides)}** ran side by side in this one run, each with its own database and "
            "gunicorn, taking turns page by page, so both met the same noise. "
            if len(sides) > 1
            else ""
        )
        + f"Targets (issue 15): page cache on, every page ≥ {TARGETS['cached']['home']:.0%} of the baseline's req/s; "
        f"page cache off, home, certification, path and compare ≥ {TARGETS['uncached']['home']:.0%}, search and "
        f"path-finder result ≥ {TARGETS['uncached']['search']:.0%}; p99 ≤ {P99_TARGET_MS} ms, zero errors. "
        "Absolute numbers vary with the machine and with what else runs on it; the ratios to `/ping` measured in "
        "the same run are the result.",
        "",
    ]
    for section in sections:
        lines += section
    return "\n".join(lines) + "\n"


EDIT_RUNS = int(os.environ.get("BENCH_EDIT_RUNS", "15"))


def prepare_sides(database, work):
    """{name: {"root", "env"}}: the earlier commit (if BENCH_BEFORE) and the working tree."""
    roots = {}
    if BEFORE:
        roots[f"before ({BEFORE})"] = checkout(BEFORE, Path(work) / "before-code")
    roots["after"] = ROOT
    sides = {}
    for name, root in roots.items():
        side_work = Path(work) / name.split()[0]
        side_work.mkdir(exist_ok=True)
        if database == "sqlite":
            url = f"sqlite:///{side_work}/bench.sqlite3"
        else:
            url = fresh_postgres(POSTGRES_URL if root == ROOT else f"{POSTGRES_URL}_before")
        sides[name] = {"root": root, "env": production_env(url, side_work)}
        print(f"== {database}: preparing {name}", flush=True)
        prepare_database(sides[name]["env"], root=root)
    return sides


def main():
    require_wrk()
    started = datetime.datetime.now(datetime.UTC)
    sections = []
    for database in os.environ.get("BENCH_DATABASES", "sqlite,postgresql").split(","):
        work = workdir()
        sides = prepare_sides(database, work)
        section = [f"## {database}", ""]
        for mode in ("uncached", "cached"):
            section += load_section(load_pages(sides, mode, work), sides, mode)
        print(f"== {database}: first request after an edit, profiles", flush=True)
        timings = {
            name: run_script(side["env"], side, FIRST_AFTER_EDIT, BENCH_RUNS=str(EDIT_RUNS))
            for name, side in sides.items()
        }
        section += first_after_edit_section(timings, sides)
        profiles = {
            name: run_script(side["env"], side, PROFILE, BENCH_URL=PAGES[HEAVIEST_PAGE], BENCH_RUNS="30")
            for name, side in sides.items()
        }
        section += profile_section(profiles, sides)
        pages = {
            name: run_script(side["env"], side, MEASURE_PAGES, PAGE_BODY_CACHE_SECONDS="0")
            for name, side in sides.items()
        }
        section += [
            "### Queries and HTML size per page, rendered (page cache and kept bodies off)",
            "",
            "A page answered from its kept body (the working tree) runs one query: the content generation.",
            "",
            "| page | " + " | ".join(f"{name}: queries | HTML bytes" for name in sides) + " |",
            "|---" * (1 + 2 * len(sides)) + "|",
        ]
        for page in PAGES:
            cells = [f"{pages[name][page]['queries']} | {pages[name][page]['bytes']:,}" for name in sides]
            section.append(f"| {page} | {' | '.join(cells)} |")
        section.append("")
        after = sides["after"]
        if os.environ.get("BENCH_EDITS", "1") == "1":
            print(f"== {database}: edits under load", flush=True)
            section += edit_under_load.run(after["env"], work)
        if database == "postgresql" and os.environ.get("BENCH_SEARCH", "0") == "1":
            print("== postgresql: search with 10,000 extra records", flush=True)
            medians = search_medians_with_extra_records(after["env"])
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
    out.write_text(report(sections, started, sides))
    print(f"wrote {out.relative_to(ROOT)}")
    print(out.read_text())


if __name__ == "__main__":
    main()
