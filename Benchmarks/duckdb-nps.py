#!/usr/bin/env python3
"""GetNps's question asked of DuckDB, for comparison with analytics-bench.

The same data shape as analytics-bench's answers: a score 0-10, one of five
channels, one of two countries, answered at a uniform time over a year; the same
question: NPS by channel x country over a 90-day window ending on a varying day
(counts of promoters, passives and detractors per group). Prints one RESULT line
per size and thread count, p50/p99 in milliseconds over RUNS queries.

    duckdb-nps.py RESPONSES [RESPONSES ...]     (RUNS=50 by default)
"""
import os
import statistics
import sys
import time

import duckdb

DAY = 86_400_000
START = 1_735_686_000_000  # 2025-01-01T00:00:00+01:00, as analytics-bench
YEAR = 365 * DAY
RUNS = int(os.environ.get("RUNS", "50"))

QUERY = """
SELECT channel, country,
       count(*) FILTER (WHERE score >= 9) AS promoters,
       count(*) FILTER (WHERE score BETWEEN 7 AND 8) AS passives,
       count(*) FILTER (WHERE score <= 6) AS detractors
FROM responses
WHERE answered_at_ms >= ? AND answered_at_ms < ?
GROUP BY channel, country
"""


def measure(responses: int) -> None:
    db = duckdb.connect()
    db.execute("SELECT setseed(0.2026)")
    db.execute(
        f"""CREATE TABLE responses AS
        SELECT CAST(floor(random() * 11) AS TINYINT) AS score,
               CAST(floor(random() * 5) AS TINYINT) AS channel,
               CAST(floor(random() * 2) AS TINYINT) AS country,
               {START} + CAST(floor(random() * {YEAR}) AS BIGINT) AS answered_at_ms
        FROM range({responses})"""
    )
    for threads in (1, 2):
        db.execute(f"SET threads = {threads}")
        samples = []
        for run in range(RUNS):
            end = START + YEAR - (run % 200) * DAY
            began = time.perf_counter()
            rows = db.execute(QUERY, [end - 90 * DAY, end]).fetchall()
            samples.append((time.perf_counter() - began) * 1000)
        samples.sort()
        p50 = statistics.median(samples)
        p99 = samples[min(len(samples) - 1, len(samples) * 99 // 100)]
        print(
            f"RESULT bench=duckdb-nps responses={responses} threads={threads} groups={len(rows)} "
            f"p50_ms={p50:.2f} p99_ms={p99:.2f} duckdb={duckdb.__version__}",
            flush=True,
        )


if __name__ == "__main__":
    for size in sys.argv[1:] or ["1000000"]:
        measure(int(size))
