"""The benchmark's markdown table: per scenario and client count, each server's rate,
latency and CPU per request, with Kinerja's throughput as a ratio of each baseline's."""

from __future__ import annotations

BASELINES = ("postgraphile", "raw")


def _ratio(row: dict, base: dict | None) -> str:
    if base is None or row["label"] in BASELINES or not base["rps"]:
        return ""
    return f"**{row['rps'] / base['rps']:.2f}**"


def _ms(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def table(results: list[dict]) -> str:
    """One markdown table over every run (rows in run order)."""
    lines = ["| scenario | server | clients | requests | req/s | p50 ms | p99 ms | "
             "CPU ms/req server | CPU ms/req db | vs PostGraphile | vs raw |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    by = {(r["scenario"], r["label"], r["concurrency"]): r for r in results}
    for r in results:
        key = (r["scenario"], r["concurrency"])
        lines.append(
            f"| {r['scenario']} | {r['label']} | {r['concurrency']} | {r['requests']} | "
            f"{r['rps']:.0f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | "
            f"{_ms(r.get('cpu_ms'))} | {_ms(r.get('db_cpu_ms'))} | "
            f"{_ratio(r, by.get((key[0], 'postgraphile', key[1])))} | "
            f"{_ratio(r, by.get((key[0], 'raw', key[1])))} |")
    return "\n".join(lines)
