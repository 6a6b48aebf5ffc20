#!/usr/bin/env python3
"""Writes the data files of the benchmarks: the synthetic CSV files of `csv` and `models` into benchmarks/data/
(git-ignored), and the train/test splits of real data sets for `models`.

    python3 benchmarks/make_data.py            # every synthetic file, reused when already present and current
    python3 benchmarks/make_data.py numeric_1m_21.csv classification_100k_50
    python3 benchmarks/make_data.py --force    # rewrite them
    python3 benchmarks/make_data.py --list     # print the paths, one a line, and write nothing
    python3 benchmarks/make_data.py --split-dir DIR --split notebooks/data/iris.csv species [--split ...]

Files (one header line, then the rows; `,` separated, `\\n` line ends, no missing values):

    numeric_100k_51.csv    100 000 rows x 51 columns: f01..f50 (floats), label (0/1)    52 MB
    numeric_1m_21.csv    1 000 000 rows x 21 columns: f01..f20 (floats), label (0/1)   210 MB

Each float feature j is normal with its own centre (uniform in [-100, 100]) and spread (log-uniform in
[0.01, 1000]), written with 8 significant digits (`%.8g`), so the values vary in length and scale the way
measured data does (`-12.345678`, `0.0012345678`, `1234.5678`). The label is 1 when a fixed random linear
combination of the standardised features plus noise is positive (about half the rows).

    classification_100k_50_train.csv   80 000 rows x 51 columns: f01..f50 (floats), label (0/1)   48 MB
    classification_100k_50_test.csv    20 000 rows, the same columns                            12 MB

The classification set is the scikit-learn anchor's (`/work/shared/anchors/sklearn-2026-11-21.tsv`, rows
`large_100k_50`): `make_classification(n_samples=100_000, n_features=50, n_informative=20, n_redundant=10,
random_state=42)` (these generator settings reproduce the anchor's accuracies exactly: logistic regression
0.7965, Gaussian naive Bayes 0.79645), split 80/20 by `train_test_split(test_size=0.2, stratify=y,
random_state=42)`; features written with `%.9g`, the label as 0/1. Both sides of the benchmark read these files,
so they see exactly the same numbers.

`--split SOURCE TARGET` (repeatable, with `--split-dir DIR`) splits a real data set the same way, 80/20 with
seed 42, stratified by the target unless the target is a float column (regression), and writes
`DIR/<stem>_train.csv` and `DIR/<stem>_test.csv` with pandas' `to_csv` (shortest round-trip floats, missing
values as empty fields), so the model benchmark's two sides read exactly the same rows.

Deterministic: numpy's PCG64 generator with a fixed seed per file and Python's `%` formatting, so the same
seed and numpy version give the same bytes (the SHA-256 of each file is printed and kept in a `.meta` file
beside it). A file is reused when its `.meta` matches this script's parameters and the size still agrees.

Needs numpy (the benchmark venv's pinned numpy 2.4.6: `benchmarks/.venv/bin/python benchmarks/make_data.py`);
the classification set and `--split` also need scikit-learn and pandas (imported only then).
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

# name -> make_classification settings; written as <name>_train.csv and <name>_test.csv
SPLIT_SETS = {
    "classification_100k_50": {"n_samples": 100_000, "n_features": 50, "n_informative": 20, "n_redundant": 10,
                               "random_state": 42},
}
SPLIT_SEED = 42
SPLIT_TEST_SIZE = 0.2


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


def split_paths(name: str, directory: Path = DATA_DIR) -> tuple[Path, Path]:
    """The train and test files of a split set."""
    return directory / f"{name}_train.csv", directory / f"{name}_test.csv"


def write_split_set(name: str, train_path: Path, test_path: Path) -> str:
    """Writes the train and test files of a make_classification set; returns the SHA-256 of both."""
    from sklearn.datasets import make_classification
    from sklearn.model_selection import train_test_split

    x, y = make_classification(**SPLIT_SETS[name])
    x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=SPLIT_TEST_SIZE, stratify=y,
                                                        random_state=SPLIT_SEED)
    features = x.shape[1]
    header = ",".join([f"f{j + 1:02d}" for j in range(features)] + ["label"]) + "\n"
    row_format = ",".join(["%.9g"] * features) + ",%d\n"
    digest = hashlib.sha256()
    for path, xs, ys in ((train_path, x_train, y_train), (test_path, x_test, y_test)):
        tmp = path.with_name(path.name + ".tmp")
        with open(tmp, "wb") as out:
            data = header.encode("ascii")
            for start in range(0, len(ys), CHUNK_ROWS):
                rows = zip(xs[start:start + CHUNK_ROWS].tolist(), ys[start:start + CHUNK_ROWS].tolist())
                data += "".join(row_format % (*values, label) for values, label in rows).encode("ascii")
                digest.update(data)
                out.write(data)
                data = b""
        os.replace(tmp, path)
    return digest.hexdigest()


def ensure_split_set(name: str, force: bool) -> tuple[Path, Path]:
    """The train and test paths of a make_classification set, written first unless current copies exist."""
    import sklearn

    train_path, test_path = split_paths(name)
    meta_path = train_path.with_name(name + ".meta")
    wanted = {"format_version": FORMAT_VERSION, "make_classification": SPLIT_SETS[name], "split_seed": SPLIT_SEED,
              "test_size": SPLIT_TEST_SIZE, "numpy": np.__version__, "scikit-learn": sklearn.__version__}
    if not force and train_path.is_file() and test_path.is_file() and meta_path.is_file():
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except ValueError:
            meta = {}
        if (all(meta.get(k) == v for k, v in wanted.items())
                and meta.get("bytes") == [train_path.stat().st_size, test_path.stat().st_size]):
            print(f"[make_data] reusing {train_path.name} and {test_path.name} (sha256 {meta['sha256'][:16]}...)",
                  flush=True)
            return train_path, test_path
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    print(f"[make_data] writing {train_path} and {test_path} ...", flush=True)
    sha = write_split_set(name, train_path, test_path)
    meta = dict(wanted, bytes=[train_path.stat().st_size, test_path.stat().st_size], sha256=sha)
    meta_path.write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"[make_data] wrote {train_path.name} ({meta['bytes'][0] / 1e6:.1f} MB) and {test_path.name} "
          f"({meta['bytes'][1] / 1e6:.1f} MB), sha256 {sha[:16]}...", flush=True)
    return train_path, test_path


def split_real(source: Path, target: str, directory: Path) -> tuple[Path, Path]:
    """Splits a real data set 80/20 (seed 42; stratified unless the target is a float column) into CSV files."""
    import pandas as pd
    from sklearn.model_selection import train_test_split

    frame = pd.read_csv(source)
    if target not in frame.columns:
        raise SystemExit(f"make_data.py: {source} has no column {target!r}")
    frame = frame[frame[target].notna()]
    regression = frame[target].dtype.kind == "f"
    train, test = train_test_split(frame, test_size=SPLIT_TEST_SIZE, random_state=SPLIT_SEED,
                                   stratify=None if regression else frame[target])
    directory.mkdir(parents=True, exist_ok=True)
    train_path, test_path = split_paths(source.stem, directory)
    train.to_csv(train_path, index=False)
    test.to_csv(test_path, index=False)
    print(f"[make_data] split {source.name} by {target!r} ({'random' if regression else 'stratified'}): "
          f"{len(train)} train, {len(test)} test rows in {directory}", flush=True)
    return train_path, test_path


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--force", action="store_true", help="rewrite the files even if they are current")
    parser.add_argument("--list", action="store_true", help="print the file paths and write nothing")
    parser.add_argument("--split", nargs=2, action="append", default=[], metavar=("SOURCE", "TARGET"),
                        help="split a real CSV file 80/20 (seed 42) into --split-dir; repeatable")
    parser.add_argument("--split-dir", type=Path, help="where --split writes <stem>_train.csv and <stem>_test.csv")
    parser.add_argument("names", nargs="*", metavar="NAME",
                        help="files to make (default all): " + ", ".join([*FILES, *SPLIT_SETS]))
    args = parser.parse_args(argv)
    if args.split:
        if args.split_dir is None or args.names:
            parser.error("--split needs --split-dir and no NAME")
        for source, target in args.split:
            split_real(Path(source), target, args.split_dir)
        return 0
    unknown = [n for n in args.names if n not in FILES and n not in SPLIT_SETS]
    if unknown:
        parser.error(f"unknown file {unknown[0]!r}; choose from " + ", ".join([*FILES, *SPLIT_SETS]))
    names = args.names or [*FILES, *SPLIT_SETS]
    if args.list:
        for name in names:
            for path in split_paths(name) if name in SPLIT_SETS else (DATA_DIR / name,):
                print(path)
        return 0
    for name in names:
        if name in SPLIT_SETS:
            ensure_split_set(name, args.force)
        else:
            ensure(name, args.force)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
