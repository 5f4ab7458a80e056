"""Extra published records for benchmarking the site search, and a small timer.

As a library (Django already set up)::

    from bench.search_data import generate_search_records, remove_search_records
    generate_search_records(10_000)        # {"certifications": 1250, ...}

From the command line, with DATABASE_URL pointing at the database to fill::

    python -m bench.search_data generate 10000
    python -m bench.search_data measure "medical coder" "certifed profesional coder" --runs 50
    python -m bench.search_data remove

Records are spread evenly over every searchable type, published, with slugs
starting "bench-" (so `remove` finds them) and text drawn from the vocabulary
of the real content, so searches match many of them as they would in a large
site; their Spanish columns get Spanish text of the same shape. They are
bulk-inserted (no history rows, no signals), then the search entries are rebuilt
and the page cache invalidated once. `measure` times /search/ in-process through
the Django test client with the page cache off: the view, the queries and the
template, not the network or gunicorn.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

SLUG_PREFIX = "bench-"
BATCH = 1000

VOCABULARY = (
    "medical billing coding coder biller claim claims insurance payer payers denial denials appeal remittance "
    "reimbursement audit auditor compliance documentation record records diagnosis diagnoses procedure "
    "procedures modifier modifiers anesthesia radiology pathology surgery evaluation management outpatient "
    "inpatient hospital physician practice clinic provider patient patients guideline guidelines payment "
    "Medicare Medicaid CMS HIPAA privacy chart charts abstracting query queries risk adjustment hierarchical "
    "condition category categories revenue cycle charge capture terminology anatomy physiology pharmacology "
    "certificate program degree associate exam credential certification apprentice experience employer "
    "employers remote office schedule deadline accuracy detail analytical communication software EHR "
    "electronic health information technician specialist registered professional certified national "
    "academy association council CPT ICD-10-CM ICD-10-PCS HCPCS Level II DRG APC E/M"
)
FILLER_WORDS = "the a of to and for with in on every each that your their most many"
WORDS = VOCABULARY.split()
FILLER = FILLER_WORDS.split()
# The Spanish text of the same records, where the models have Spanish columns (issue 16).
SPANISH_VOCABULARY = (
    "facturación codificación codificador codificadora facturador facturadora reclamación reclamaciones seguro "
    "aseguradora pagador pagadores denegación denegaciones apelación remesa reembolso auditoría auditor "
    "cumplimiento documentación registro registros diagnóstico diagnósticos procedimiento procedimientos "
    "modificador modificadores anestesia radiología patología cirugía evaluación gestión ambulatorio "
    "hospitalización hospital médico médica práctica clínica proveedor paciente pacientes guía guías pago "
    "Medicare Medicaid CMS HIPAA privacidad expediente expedientes consulta riesgo ajuste jerárquica condición "
    "categoría categorías ingresos ciclo cargo terminología anatomía fisiología farmacología certificado "
    "programa título asociado examen credencial certificación aprendiz experiencia empleador empleadores "
    "remoto oficina horario plazo precisión detalle analítico comunicación técnico especialista registrado "
    "profesional certificada nacional academia asociación consejo CPT ICD-10-CM ICD-10-PCS HCPCS nivel II"
)
SPANISH_FILLER_WORDS = "el la los las de del y para con en cada que tu su sus más muchos"
SPANISH_WORDS = SPANISH_VOCABULARY.split()
SPANISH_FILLER = SPANISH_FILLER_WORDS.split()


def _sentence(rng, low=8, high=16):
    words = [rng.choice(WORDS if rng.random() < 0.7 else FILLER) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def _text(rng, sentences):
    return " ".join(_sentence(rng) for _ in range(sentences))


def _title(rng, number):
    return " ".join(rng.choice(WORDS).capitalize() for _ in range(rng.randint(2, 4))) + f" {number}"


def _in_spanish(rng, record):
    """Give each Spanish column of `record` Spanish text shaped like its English text:
    as many words, the same capitals, numbers and line breaks kept."""
    for field in record._meta.concrete_fields:
        if not field.attname.endswith("_es"):
            continue
        english = getattr(record, field.attname.removesuffix("_es") + "_en", None)
        if not english:
            continue
        lines = []
        for line in str(english).split("\n"):
            words = []
            for word in line.split():
                if not word[0].isalpha():
                    words.append(word)
                    continue
                spanish = rng.choice(SPANISH_WORDS if rng.random() < 0.7 else SPANISH_FILLER)
                spanish = spanish.capitalize() if word[0].isupper() else spanish
                words.append(spanish + ("." if word.endswith(".") else ""))
            lines.append(" ".join(words))
        setattr(record, field.attname, "\n".join(lines))


def _builders():
    """(key, model, function making one unsaved record) per searchable type."""
    import datetime

    from certifications.models import Certification, CertifyingBody, CodeSet, Focus
    from publishing.models import PublicationStatus
    from qualifications.models import CareerTopic, EducationStep, Occupation, OutlookFigure, QualificationPath, Skill

    common = {"status": PublicationStatus.PUBLISHED, "last_reviewed": datetime.date.today()}

    def body(rng, n):
        return CertifyingBody(
            **common,
            slug=f"{SLUG_PREFIX}body-{n}",
            abbreviation=f"BB{n}",
            name=_title(rng, n),
            summary=_text(rng, 2),
            official_url="https://example.org/",
        )

    def certification(rng, n, bodies):
        return Certification(
            **common,
            slug=f"{SLUG_PREFIX}certification-{n}",
            code=f"BX{n}",
            name=_title(rng, n),
            body=rng.choice(bodies),
            focus=rng.choice(Focus.values),
            summary=_text(rng, 2),
            description=_text(rng, rng.randint(6, 15)),
            prerequisites=_sentence(rng),
            official_url="https://example.org/",
        )

    def code_set(rng, n):
        return CodeSet(
            **common,
            slug=f"{SLUG_PREFIX}code-set-{n}",
            name=f"BENCH-{n}",
            full_name=_title(rng, n),
            maintainer=rng.choice(["AMA", "CMS", "NCHS (CDC)"]),
            codes_what=_text(rng, 2),
            update_cadence=_sentence(rng),
        )

    def education_step(rng, n):
        return EducationStep(
            **common,
            slug=f"{SLUG_PREFIX}education-{n}",
            name=_title(rng, n),
            summary=_text(rng, 2),
            description=_text(rng, rng.randint(6, 15)),
            covers="\n".join(_title(rng, n) for _ in range(4)),
        )

    def path(rng, n):
        return QualificationPath(
            **common,
            slug=f"{SLUG_PREFIX}path-{n}",
            name=_title(rng, n),
            role=_title(rng, n),
            summary=_text(rng, 2),
            description=_text(rng, rng.randint(6, 15)),
        )

    def skill(rng, n):
        return Skill(
            **common,
            slug=f"{SLUG_PREFIX}skill-{n}",
            name=_title(rng, n),
            category=rng.choice(["personal", "analytical", "technical", "communication"]),
            summary=_text(rng, 2),
            on_the_job=_text(rng, 4),
            how_to_build=_text(rng, 4),
        )

    def topic(rng, n):
        return CareerTopic(
            **common,
            slug=f"{SLUG_PREFIX}topic-{n}",
            kind=rng.choice(CareerTopic.Kind.values),
            title=_title(rng, n),
            summary=_text(rng, 2),
            description=_text(rng, rng.randint(3, 10)),
        )

    def occupation(rng, n):
        return Occupation(
            **common,
            slug=f"{SLUG_PREFIX}occupation-{n}",
            name=_title(rng, n),
            soc_code=f"{rng.randint(11, 53)}-{rng.randint(1000, 9999)}",
            summary=_text(rng, 2),
            tasks="\n".join(_sentence(rng) for _ in range(6)),
            work_settings=_text(rng, 2),
            sample_titles="\n".join(_title(rng, n) for _ in range(4)),
        )

    def figure(rng, n):
        return OutlookFigure(
            **common,
            slug=f"{SLUG_PREFIX}figure-{n}",
            kind=rng.choice(OutlookFigure.Kind.values),
            label=_title(rng, n),
            group=_title(rng, n),
            value=rng.randint(1, 100_000),
            period=str(rng.randint(2010, 2030)),
        )

    return [
        ("bodies", CertifyingBody, body),
        ("certifications", Certification, certification),
        ("code-sets", CodeSet, code_set),
        ("education", EducationStep, education_step),
        ("paths", QualificationPath, path),
        ("skills", Skill, skill),
        ("occupations", Occupation, occupation),
        ("careers", CareerTopic, topic),
        ("outlook", OutlookFigure, figure),
    ]


def generate_search_records(count, *, seed=0):
    """Add `count` published records spread over every searchable type; returns the count per type."""
    rng = random.Random(seed)
    spanish_rng = random.Random(seed + 1)  # apart, so the English text is the same with or without Spanish columns
    builders = _builders()
    share, extra = divmod(count, len(builders))
    created = {}
    bodies = []
    for index, (key, model, build) in enumerate(builders):
        start = model.objects.filter(slug__startswith=SLUG_PREFIX).count()
        numbers = range(start, start + share + (index < extra))
        if key == "certifications":
            records = [build(rng, n, bodies) for n in numbers]
        else:
            records = [build(rng, n) for n in numbers]
        for record in records:
            _in_spanish(spanish_rng, record)
        model.objects.bulk_create(records, batch_size=BATCH)
        if key == "bodies":  # first in the list, so certifications can belong to them
            bodies = list(model.objects.order_by("-pk")[:50])
        created[key] = len(records)
    _reindex()
    return created


def remove_search_records():
    """Delete every record generate_search_records() added; returns the count per type."""
    removed = {}
    for key, model, _build in reversed(_builders()):  # certifications before their bodies
        removed[key], _detail = model.objects.filter(slug__startswith=SLUG_PREFIX).delete()
    _reindex()
    return removed


def _reindex():
    """bulk_create sends no signals: rebuild the search entries and drop cached pages."""
    from careerportal.cache import bump_content_generation
    from careerportal.search.index import rebuild, uses_entries

    if uses_entries():
        rebuild()
    bump_content_generation()


def measure_search(queries, *, runs=30, warmup=3):
    """Median, fastest and slowest milliseconds of GET /search/?q=<query>, per query, with the page
    cache and the kept page bodies (careerportal/page_bodies.py) off: every request runs the search."""
    from django.test import Client
    from django.test.utils import override_settings

    client = Client(HTTP_HOST="localhost")
    results = {}
    with override_settings(PAGE_CACHE_SECONDS=0, PAGE_BODY_CACHE_SECONDS=0, DEBUG=False):
        for query in queries:
            timings = []
            for attempt in range(warmup + runs):
                started = time.perf_counter()
                response = client.get("/search/", {"q": query})
                elapsed = (time.perf_counter() - started) * 1000
                if response.status_code != 200:
                    raise RuntimeError(f"/search/?q={query!r} answered {response.status_code}")
                if attempt >= warmup:
                    timings.append(elapsed)
            results[query] = {"median_ms": statistics.median(timings), "min_ms": min(timings), "max_ms": max(timings)}
    return results


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    generate = commands.add_parser("generate", help="add N published records")
    generate.add_argument("count", type=int)
    generate.add_argument("--seed", type=int, default=0)
    measure = commands.add_parser("measure", help="median time of /search/?q=... (page cache and kept bodies off)")
    measure.add_argument("queries", nargs="+")
    measure.add_argument("--runs", type=int, default=30)
    commands.add_parser("remove", help="delete the generated records")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerportal.settings")
    import django
    from django.db import connection

    django.setup()
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    if args.command == "generate":
        print(generate_search_records(args.count, seed=args.seed))
    elif args.command == "remove":
        print(remove_search_records())
    else:
        for query, timing in measure_search(args.queries, runs=args.runs).items():
            print(
                f"{query!r}: median {timing['median_ms']:.1f} ms "
                f"(min {timing['min_ms']:.1f}, max {timing['max_ms']:.1f}, {args.runs} runs)"
            )


if __name__ == "__main__":
    main()
