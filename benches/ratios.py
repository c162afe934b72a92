#!/usr/bin/env python3
"""Criterion's results as the Markdown tables of BENCHMARKS.md.

    python3 benches/ratios.py [target/criterion]

Reads every `new/benchmark.json` and `new/estimates.json` criterion wrote,
and prints, per group, the median time of each implementation and its ratio
to the hand-written one (`hand`) measured in the same run. Groups without a
`hand` baseline (the codegen benchmarks) are printed with time per row.
"""

import json
import pathlib
import sys


def fmt(ns):
    if ns >= 1e9:
        return f"{ns / 1e9:.3f} s"
    if ns >= 1e6:
        return f"{ns / 1e6:.2f} ms"
    if ns >= 1e3:
        return f"{ns / 1e3:.2f} µs"
    return f"{ns:.1f} ns"


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target/criterion")
    results = {}
    for meta_path in root.glob("**/new/benchmark.json"):
        meta = json.loads(meta_path.read_text())
        estimates = json.loads((meta_path.parent / "estimates.json").read_text())
        group = meta["group_id"]
        function = meta.get("function_id") or ""
        value = meta.get("value_str") or ""
        name = "/".join(part for part in (function, value) if part)
        results.setdefault(group, {})[name] = estimates["median"]["point_estimate"]

    order = ["display", "from_code", "envelope_encode", "envelope_decode",
             "decode_typed", "localized", "localized_message", "codegen",
             "codegen_stages"]

    def key(group):
        head, _, size = group.partition("/")
        rank = order.index(head) if head in order else len(order)
        return (rank, int(size) if size.isdigit() else 0, group)

    for group in sorted(results, key=key):
        benches = results[group]
        impls = ["ours", "hand", "derive", "phf"]
        cases = {}
        for name, ns in benches.items():
            impl, _, case = name.partition("/")
            if impl in impls:
                cases.setdefault(case, {})[impl] = ns
        if cases and all("hand" in by_impl for by_impl in cases.values()):
            print(f"\n### {group}\n")
            shown = [i for i in impls if any(i in c for c in cases.values())]
            others = [i for i in shown if i != "hand"]
            print("| case | " + " | ".join(shown) + " | "
                  + " | ".join(f"{i} / hand" for i in others) + " |")
            print("|---|" + "---:|" * (len(shown) + len(others)))
            for case in sorted(cases):
                by_impl = cases[case]
                hand = by_impl["hand"]
                cells = [fmt(by_impl[i]) if i in by_impl else "–" for i in shown]
                ratios = [f"{by_impl[i] / hand:.2f}×" if i in by_impl else "–"
                          for i in others]
                print(f"| {case or '–'} | " + " | ".join(cells + ratios) + " |")
        else:
            print(f"\n### {group}\n")
            print("| benchmark | median | per row |")
            print("|---|---:|---:|")
            for name in sorted(benches, key=lambda n: (n.rsplit("/", 1)[0],
                                                       int(n.rsplit("/", 1)[-1])
                                                       if n.rsplit("/", 1)[-1].isdigit() else 0)):
                ns = benches[name]
                rows = name.rsplit("/", 1)[-1]
                per_row = fmt(ns / int(rows)) if rows.isdigit() else "–"
                print(f"| {name} | {fmt(ns)} | {per_row} |")


if __name__ == "__main__":
    main()
