"""The benchmark counts every wrk failure and shows any as such, and repeats a run in which
a worker was left without its connections (issue 12)."""

from bench.report import render_report
from bench.serve import parse_spread, parse_wrk, uneven

WRK_OK = """Running 1s test @ http://127.0.0.1:8765/
  2 threads and 8 connections
  Latency Distribution
     50%    3.10ms
     75%    4.00ms
     90%    5.00ms
     99%   12.50ms
  2000 requests in 1.00s, 20.00MB read
Requests/sec:   1998.50
Transfer/sec:     20.00MB
"""

WRK_FAILING = WRK_OK.replace(
    "Requests/sec:",
    "  Socket errors: connect 0, read 3, write 0, timeout 2\n"
    "  Non-2xx or 3xx responses: 7\nRequests/sec:",
)


def test_wrk_output_is_parsed_with_every_failure():
    ok = parse_wrk(WRK_OK)
    assert ok == {"rps": 1998.5, "p50": 3.1, "p99": 12.5, "requests": 2000, "failures": {}}
    assert parse_wrk(WRK_FAILING)["failures"] == {"read": 3, "timeout": 2, "non-2xx": 7}


SS_OUTPUT = """\
0 0 127.0.0.1:8765 127.0.0.1:40102 users:(("gunicorn",pid=4101,fd=12))
0 0 127.0.0.1:8765 127.0.0.1:40104 users:(("gunicorn",pid=4101,fd=13))
0 0 127.0.0.1:8765 127.0.0.1:40106 users:(("gunicorn",pid=4102,fd=12))
"""


def test_connections_per_worker_and_when_a_run_is_repeated():
    assert parse_spread(SS_OUTPUT) == {"4101": 2, "4102": 1}
    # 8 connections on 2 workers: a worker with fewer than 2 serves (nearly) alone.
    assert uneven({"4101": 8}, workers=2, connections=8)
    assert uneven({"4101": 7, "4102": 1}, workers=2, connections=8)
    assert not uneven({"4101": 6, "4102": 2}, workers=2, connections=8)
    assert not uneven({}, workers=2, connections=8)  # unknown: taken as it is


def run(rps, failing=False):
    return {**parse_wrk(WRK_FAILING if failing else WRK_OK), "rps": rps}


def data(failing):
    page = {
        "name": "Artikel",
        "url": "/a/",
        "bytes": 2048,
        "queries": 19,
        "render_ms": 20.0,
        "cache_state": "hit",
        "transfer": {"gzip": 3000, "br": 2600},
    }
    for mode in ("cold", "warm"):
        page[mode] = [
            {"page": run(rps, failing and mode == "warm" and rps == 90), "static": run(100)}
            for rps in (80, 90, 100)
        ]
    scale = [
        {
            "label": "Artikel",
            "url": "/a/",
            "database": db,
            "render_ms": [10, 11, 12],
            "queries": 19,
            "runs": [run(50)] * 3,
        }
        for db in ("klein", "groß")
    ]
    return {
        "config": {
            "scale": 0.02,
            "chapters": 4,
            "articles": 400,
            "press_releases": 40,
            "workers": 2,
            "connections": 8,
            "seconds": 1,
            "rounds": 3,
        },
        "machine": {"cpu": "x", "memory": "y", "system": "z", "python": "3.11", "postgres": "15"},
        "load_start": "1.00 / 1.00 / 1.00",
        "load_end": "2.00 / 2.00 / 2.00",
        "pages": [page],
        "scale": scale,
        "scale_ratios": {"Artikel": [1.0, 1.1, 0.9]},
        "publish": {
            "Artikel veröffentlichen": [{"publish_s": 0.1, "visible_s": 0.2}] * 3,
            "Ortsverein anlegen": [
                {"publish_s": 0.9, "visible_s": 1.2},
                *[{"publish_s": 0.5, "visible_s": 0.6}] * 2,
            ],
        },
        "elapsed": 60,
    }


def test_report_shows_medians_ranges_ratios_per_round_and_load():
    report = render_report(data(failing=False))
    assert "Beginn 1.00 / 1.00 / 1.00, Ende 2.00 / 2.00 / 2.00" in report
    assert "| 90 (80–100) |" in report  # page req/s: median (min–max) of the rounds
    assert "| 0.900 (0.800–1.000) |" in report  # page/static, taken within each round
    assert "Keine: 0 Socket-Fehler" in report
    assert "FEHLER" not in report
    assert "wurde die Messung wiederholt (0× in diesem Lauf)" in report


def test_report_counts_the_repeated_runs():
    figures = data(failing=False)
    figures["pages"][0]["cold"][1]["page"]["repeats"] = 2
    figures["scale"][1]["runs"] = [{**run(50), "repeats": 1}] * 3
    assert "wurde die Messung wiederholt (5× in diesem Lauf)" in render_report(figures)


def test_any_failure_is_shown_as_failure():
    report = render_report(data(failing=True))
    assert "**FEHLER: 7 non-2xx, 3 read, 2 timeout**" in report
    assert "die Messung ist nicht gültig" in report


def test_failures_while_warming_up_count_too():
    figures = data(failing=False)
    figures["pages"][0]["cold_warmup"] = [{"failures": {"non-2xx": 1}}, {"failures": {}}]
    report = render_report(figures)
    assert "**FEHLER: 1 non-2xx**" in report


def test_targets_say_met_or_not_met_from_the_measured_figures():
    report = render_report(data(failing=False))
    assert (
        "| Artikel veröffentlichen bis sichtbar ≤ 1 s (langsamste Messung, s) | 0.20 | ja |"
        in report
    )
    assert (
        "| Ortsverein anlegen bis sichtbar ≤ 1 s (langsamste Messung, s) | 1.20 | nein |" in report
    )
    assert "| Artikel: übertragenes HTML ≤ 5 KB (KiB) | 2.54 | ja |" in report
    assert "| Artikel kalt ≥ 0,05 × statisch | 0.90 | ja |" in report
    assert "- Ortsverein anlegen: POST 500 (500–900) ms, sichtbar nach 600 (600–1200) ms" in report
