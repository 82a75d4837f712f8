"""The benchmark report (Markdown) from the figures bench/run.py collected."""

import datetime
import statistics

from bench.serve import ratio


def fmt(value, digits=1):
    return "–" if value is None else f"{value:.{digits}f}"


def spread(values, digits=0):
    """median (min–max) of *values*."""
    values = [value for value in values if value is not None]
    if not values:
        return "–"
    return (
        f"{fmt(statistics.median(values), digits)}"
        f" ({fmt(min(values), digits)}–{fmt(max(values), digits)})"
    )


def repeats(data):
    """How many wrk runs were repeated because a worker was left without its connections."""
    runs = [run for page in data["pages"] for mode in ("cold", "warm") for run in page[mode]]
    measured = [run[kind] for run in runs for kind in ("page", "static")]
    measured += [run for row in data["scale"] for run in row["runs"]]
    return sum(run.get("repeats", 0) for run in measured)


def failures_of(runs):
    total = {}
    for run in runs:
        for kind, count in run["failures"].items():
            total[kind] = total.get(kind, 0) + count
    return total


def failure_text(failures):
    return ", ".join(f"{count} {kind}" for kind, count in sorted(failures.items()))


def render_report(data):
    c = data["config"]
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (bench/run.py); do not edit by hand, run it again.",
        "",
        f"- Datum: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC",
        f"- Maschine: {data['machine']['cpu']}, {data['machine']['memory']},"
        f" {data['machine']['system']}; Python {data['machine']['python']},"
        f" PostgreSQL {data['machine']['postgres']}",
        f"- Last (loadavg 1/5/15 min): Beginn {data['load_start']}, Ende {data['load_end']}"
        " – die Maschine wird geteilt; jede Runde misst Seite und statische Datei direkt"
        " nacheinander, das Verhältnis wird je Runde gebildet.",
        f"- gunicorn mit site/deploy/gunicorn.conf.py (gthread) wie in Produktion,"
        f" {c['workers']} Worker, whitenoise, production settings",
        f"- wrk: 2 Threads, {c['connections']} Verbindungen, {c['seconds']} s je Messung"
        " (langsame Seiten: 12 Renderzeiten; Timeout 30 s oder 20 Renderzeiten),"
        f" {c['rounds']} Runden je Seitentyp (Seite und statische Datei abwechselnd),"
        " Werte: Median (Min–Max) über die Runden",
        "- Jede Verbindung bleibt bei dem Worker, der sie angenommen hat; gab der Kernel einem"
        " Worker weniger als die Hälfte seines Anteils (er rechnet dann allein, halb so"
        f" schnell), wurde die Messung wiederholt ({repeats(data)}× in diesem Lauf)",
        f"- Daten (BENCH_SCALE={c['scale']}): {c['chapters']} Ortsvereine, {c['articles']}"
        f" Artikel (ov-000 mit dem größten Anteil), {c['press_releases']}"
        f" Pressemitteilungen; kleine Datenbank: {c['chapters']} Artikel",
        f"- Gesamtlaufzeit: {data['elapsed'] / 60:.1f} min",
        "",
    ]
    all_failures = {}
    titles = {
        "cold": "kalt: Seiten-Cache aus, die gemeinsamen Teile des Ortsvereins warm",
        "warm": "warm",
    }
    for mode, title in titles.items():
        lines += [f"## {title}", ""]
        if mode == "cold":
            lines += [
                "Jede Anfrage rendert die Seite. Menü, Fußzeile, Pressemitteilungen, Banner und"
                " die Filter einer Nachrichtenliste kommen aus dem Fragment-Cache, wie nach dem"
                " ersten Besuch einer Seite des Ortsvereins (ein Veröffentlichen im Ortsverein"
                " leert sie mit). „im Prozess“: eine Anfrage ohne HTTP, mit allen Caches aus;"
                " „Abfragen“ ebenso.",
                "",
            ]
        lines += [
            "| Seitentyp | Größe | Abfragen | im Prozess ms | req/s | p50 ms | p99 ms"
            " | statisch req/s | Seite/statisch | Fehler |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
        ]
        for page in data["pages"]:
            rounds = page[mode]
            runs = [r["page"] for r in rounds] + [r["static"] for r in rounds]
            failures = failures_of(runs + page.get(f"{mode}_warmup", []))
            for kind, count in failures.items():
                all_failures[kind] = all_failures.get(kind, 0) + count
            lines.append(
                f"| {page['name']} (`{page['url']}`) | {page['bytes'] / 1024:.1f} KiB"
                f" | {page['queries']} | {fmt(page['render_ms'])}"
                f" | {spread([r['page']['rps'] for r in rounds])}"
                f" | {spread([r['page']['p50'] for r in rounds], 1)}"
                f" | {spread([r['page']['p99'] for r in rounds], 1)}"
                f" | {spread([r['static']['rps'] for r in rounds])}"
                f" | {spread([ratio(r) for r in rounds], 3)}"
                f" | {'**FEHLER: ' + failure_text(failures) + '**' if failures else '0'} |"
            )
        lines.append("")
    states = {page["name"]: page.get("cache_state") for page in data["pages"]}
    misses = [name for name, state in states.items() if state != "hit"]
    lines += [
        "Übertragen (warm, HTML): "
        + "; ".join(
            f"{page['name']} "
            + " / ".join(f"{e} {n / 1024:.1f} KiB" for e, n in page.get("transfer", {}).items())
            for page in data["pages"]
        )
        + ".",
        "",
        "Warm-up: wrk-Stoß (12 Renderzeiten lang, mindestens 1 s), dann neue Verbindungen bis"
        " 4 × Worker Treffer in Folge: "
        + ("überall `hit`." if not misses else "**kein Treffer bei " + ", ".join(misses) + "**."),
        "",
        "## Skalierung (Seiten-Cache aus, kleine und große Datenbank abwechselnd im selben"
        " Lauf; im Prozess alle Caches aus)",
        "",
        "| Artikel | Datenbank | req/s | p50 ms | Renderzeit im Prozess ms | Abfragen |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for row in data["scale"]:
        runs = row["runs"]
        warmup = [{"failures": row.get("warmup_failures", {})}]
        for kind, count in failures_of(runs + warmup).items():
            all_failures[kind] = all_failures.get(kind, 0) + count
        lines.append(
            f"| {row['label']} (`{row['url']}`) | {row['database']}"
            f" | {spread([r['rps'] for r in runs])} | {spread([r['p50'] for r in runs], 1)}"
            f" | {spread(row['render_ms'], 1)} | {row['queries']} |"
        )
    rounds = max(len(ratios) for ratios in data["scale_ratios"].values())
    lines += ["", f"Verhältnis groß/klein je Runde ({rounds} Runden, p50 über HTTP):", ""]
    for label, ratios in data["scale_ratios"].items():
        lines.append(f"- {label}: {spread(ratios, 2)}")
    lines += targets(data)
    lines += [
        "",
        "## Veröffentlichen bis sichtbar",
        "",
        "Eine angemeldete Redakteurin schickt das Formular im Admin ab (Artikel: Sammelaktion"
        " „Veröffentlichen“; Banner: Snippet-Editor; Ortsverein: „Ortsverein anlegen“), dann"
        " fragen anonyme Leser durch den Seiten-Cache, bis die Änderung erscheint. Suchindex,"
        " Referenzindex und englische Aliasse erledigt der Task-Worker danach. Median (Min–Max)"
        " aus je 3 Messungen:",
        "",
    ]
    for action, runs in data["publish"].items():
        visible = [run["visible_s"] and run["visible_s"] * 1000 for run in runs]
        lines.append(
            f"- {action}: POST {spread([run['publish_s'] * 1000 for run in runs], 0)} ms,"
            f" sichtbar nach {spread(visible, 0)} ms"
            + (" – **nie sichtbar geworden**" if None in visible else "")
        )
    lines += [
        "",
        "## Fehler",
        "",
        "Gezählt über alle Messungen und das Aufwärmen (wrk-Stoß und Einzelanfragen).",
        "",
        (
            "**FEHLER: " + failure_text(all_failures) + "** – die Messung ist nicht gültig."
            if all_failures
            else "Keine: 0 Socket-Fehler, 0 Timeouts, 0 Antworten außer 2xx/3xx."
        ),
        "",
    ]
    return "\n".join(lines)


def targets(data):
    """The goals of docs/benchmarks.md, each from the medians of the rounds."""

    def median_ratio(page, mode):
        return statistics.median(ratio(r) for r in page[mode])

    by_name = {page["name"]: page for page in data["pages"]}
    rows = []
    worst = min(data["pages"], key=lambda page: median_ratio(page, "warm"))
    value = median_ratio(worst, "warm")
    rows.append((f"warm ≥ 0,9 × statisch (schlechtester: {worst['name']})", value, value >= 0.9))
    for name in ("Artikel", "Ortsverein-Startseite", "Nachrichten Seite 1"):
        if name in by_name:
            value = median_ratio(by_name[name], "cold")
            rows.append((f"{name} kalt ≥ 0,05 × statisch", value, value >= 0.05))
    deep = next(
        (
            page
            for page in data["pages"]
            if page["name"].startswith("Nachrichten Seite ")
            and page["name"] != "Nachrichten Seite 1"
        ),
        None,
    )
    first = by_name.get("Nachrichten Seite 1")
    if first and deep:
        value = statistics.median(
            d["page"]["p50"] / f["page"]["p50"]
            for d, f in zip(deep["cold"], first["cold"], strict=True)
        )
        rows.append((f"{deep['name']} ≤ 1,2 × Seite 1 (kalt, p50 je Runde)", value, value <= 1.2))
    for label, ratios in data["scale_ratios"].items():
        value = statistics.median(ratios)
        rows.append((f"{label}: groß ≤ 1,2 × klein (p50)", value, value <= 1.2))
    for action, runs in data["publish"].items():
        visible = [run["visible_s"] for run in runs]
        value = max(visible) if None not in visible else float("inf")
        rows.append((f"{action} bis sichtbar ≤ 1 s (langsamste Messung, s)", value, value <= 1))
    if "Artikel" in by_name and by_name["Artikel"].get("transfer"):
        value = min(by_name["Artikel"]["transfer"].values()) / 1024
        rows.append(("Artikel: übertragenes HTML ≤ 5 KB (KiB)", value, value <= 5))
    lines = ["", "## Ziele", "", "| Ziel | gemessen | erreicht |", "|---|---:|---|"]
    lines += [f"| {name} | {value:.2f} | {'ja' if ok else 'nein'} |" for name, value, ok in rows]
    return lines
