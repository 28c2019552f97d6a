"""Extraction throughput on one core: reports/s and MB/s over a generated, seeded corpus.

    python bench/bench_extract.py [--n 1000] [--seed 1] [--runs 5]

The peer in the same run is the bare decoding of the same bytes (UTF-8 decode + NFC), which
bounds what any extractor could reach on this machine; the ratio shows the extractor's cost.
"""

from __future__ import annotations

import argparse
import unicodedata

from common import median_time, save
from corpus import generate

from fazhi.extract import extract_report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    corpus = [text.encode("utf-8") for _, text in generate(args.n, seed=args.seed)]
    megabytes = sum(map(len, corpus)) / 1e6
    extract_report(corpus[0])  # warm caches (place table, compiled patterns)
    extract_s, runs = median_time(lambda: [extract_report(data) for data in corpus], args.runs)
    decode_s, _ = median_time(lambda: [unicodedata.normalize("NFC", d.decode()) for d in corpus], args.runs)
    metrics = sum(len(extract_report(d).metrics) for d in corpus[:200])
    save("extract", {
        "reports": args.n, "megabytes": round(megabytes, 2), "runs": args.runs,
        "median_seconds": round(extract_s, 3), "all_seconds": [round(r, 3) for r in runs],
        "reports_per_second": round(args.n / extract_s, 1),
        "megabytes_per_second": round(megabytes / extract_s, 2),
        "metrics_per_report_first_200": round(metrics / 200, 1),
        "decode_only_median_seconds": round(decode_s, 4),
        "extract_to_decode_ratio": round(extract_s / decode_s, 1),
    })


if __name__ == "__main__":
    main()
