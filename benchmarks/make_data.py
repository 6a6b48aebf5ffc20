#!/usr/bin/env python3
"""Writes the synthetic numeric CSV files of the `csv` benchmark into benchmarks/data/ (git-ignored).

    python3 benchmarks/make_data.py            # both files, reused when already present and current
    python3 benchmarks/make_data.py --force    # rewrite them
    python3 benchmarks/make_data.py --list     # print the paths, one a line, and write nothing

Files (one header line, then the rows; `,` separated, `\\n` line ends, no missing values):

    numeric_100k_51.csv    100 000 rows x 51 columns: f01..f50 (floats), label (0/1)    52 MB
    numeric_1m_21.csv    1 000 000 rows x 21 columns: f01..f20 (floats), label (0/1)   210 MB

Each float feature j is normal with its own centre (uniform in [-100, 100]) and spread (log-uniform in
[0.01, 1000]), written with 8 significant digits (`%.8g`), so the values vary in length and scale the way
measured data does (`-12.345678`, `0.0012345678`, `1234.5678`). The label is 1 when a fixed random linear
combination of the standardised features plus noise is positive (about half the rows).

Deterministic: numpy's PCG64 generator with a fixed seed per file and Python's `%` formatting, so the same
seed and numpy version give the same bytes (the SHA-256 of each file is printed and kept in a `.meta` file
beside it). A file is reused when its `.meta` matches this script's parameters and the size still agrees.

Needs numpy (the benchmark venv's pinned numpy 2.4.6: `benchmarks/.venv/bin/python benchmarks/make_data.py`).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

import numpy as np

DATA_DIR = Path(__file__).resolve().parent / "data"
FORMAT_VERSION = 2  # bump when the generator or the formatting changes, so stale files are rewritten

# name -> (rows, float features, seed)
FILES = {
    "numeric_100k_51.csv": (100_000, 50, 20261121),
    "numeric_1m_21.csv": (1_000_000, 20, 20261122),
}
CHUNK_ROWS = 50_000


def meta_for(name: str) -> dict:
    rows, features, seed = FILES[name]
    return {"format_version": FORMAT_VERSION, "rows": rows, "columns": features + 1, "seed": seed,
            "numpy": np.__version__}


def write_file(path: Path) -> str:
    """Writes one file through a temporary name and returns its SHA-256."""
    rows, features, seed = FILES[path.name]
    rng = np.random.Generator(np.random.PCG64(seed))
    centres = rng.uniform(-100.0, 100.0, size=features)
    spreads = 10.0 ** rng.uniform(-2.0, 3.0, size=features)
    weights = rng.normal(size=features)
    header = ",".join([f"f{j + 1:02d}" for j in range(features)] + ["label"]) + "\n"
    row_format = ",".join(["%.8g"] * features) + ",%d\n"
    digest = hashlib.sha256()
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as out:
        data = header.encode("ascii")
        digest.update(data)
        out.write(data)
        written = 0
        while written < rows:
            n = min(CHUNK_ROWS, rows - written)
            z = rng.standard_normal(size=(n, features))
            noise = rng.standard_normal(size=n)
            label = ((z @ weights) / np.sqrt(features) + 0.5 * noise > 0).astype(np.int64)
            x = z * spreads + centres
            lines = [row_format % (*values, y) for values, y in zip(x.tolist(), label.tolist())]
            data = "".join(lines).encode("ascii")
            digest.update(data)
            out.write(data)
            written += n
    os.replace(tmp, path)
    return digest.hexdigest()


def ensure(name: str, force: bool) -> Path:
    """The path of `name`, written first unless a current copy is already there."""
    path = DATA_DIR / name
    meta_path = path.with_name(path.name + ".meta")
    wanted = meta_for(name)
    if not force and path.is_file() and meta_path.is_file():
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except ValueError:
            meta = {}
        if all(meta.get(k) == v for k, v in wanted.items()) and meta.get("bytes") == path.stat().st_size:
            print(f"[make_data] reusing {path} ({meta['bytes'] / 1e6:.1f} MB, sha256 {meta['sha256'][:16]}...)",
                  flush=True)
            return path
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    print(f"[make_data] writing {path} ({wanted['rows']} rows x {wanted['columns']} columns) ...", flush=True)
    sha = write_file(path)
    meta = dict(wanted, bytes=path.stat().st_size, sha256=sha)
    meta_path.write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"[make_data] wrote {path} ({meta['bytes'] / 1e6:.1f} MB, sha256 {sha[:16]}...)", flush=True)
    return path


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--force", action="store_true", help="rewrite the files even if they are current")
    parser.add_argument("--list", action="store_true", help="print the file paths and write nothing")
    parser.add_argument("names", nargs="*", metavar="NAME", help="files to make (default all): " + ", ".join(FILES))
    args = parser.parse_args(argv)
    unknown = [n for n in args.names if n not in FILES]
    if unknown:
        parser.error(f"unknown file {unknown[0]!r}; choose from " + ", ".join(FILES))
    names = args.names or list(FILES)
    if args.list:
        for name in names:
            print(DATA_DIR / name)
        return 0
    for name in names:
        ensure(name, args.force)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
