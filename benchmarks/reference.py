#!/usr/bin/env python3
"""What the slowest small model cases cost elsewhere: reference points beyond scikit-learn, in one run.

Usage (from the repository root, after `make release`):

    python3 benchmarks/reference.py [--repeats 5] [--threads 1|all|both] [--swiftml-bench PATH]

`bench.py models` times every model kind against scikit-learn. Three small cases take swiftml more than 100 ms:
gradient boosting and the MLP on digits, and the forest on digits on one thread. They are bound by their own
arithmetic, and this script shows it by timing, on the same digits split, side by side:

    boosting  swiftml-bench fit boosting, scikit-learn's HistGradientBoostingClassifier and LightGBM's
              LGBMClassifier, all with scikit-learn's defaults (100 rounds of 10 trees, 31 leaves, learning rate
              0.1, at least 20 rows a leaf, 255 bins, no L2, no early stopping below 10,000 rows)
    mlp       swiftml-bench fit mlp, scikit-learn's MLPClassifier (100 ReLU units, Adam, batches of 200) and the
              float64 matrix products alone: numpy (OpenBLAS) multiplying the same shapes, forward and backward,
              for the epochs scikit-learn ran; no implementation in float64 can take less on this machine

Each swiftml repeat is a fresh process; the Python tools run in one process per tool and thread mode, one
untimed fit first. Times are fit only (in-process, no start-up or CSV load). ratio = swiftml / the other.
The Python tools come from benchmarks/.venv (benchmarks/requirements.txt, which pins LightGBM too).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench  # noqa: E402  (the venv, thread limits and formatting of bench.py)

PYTHON_SIDE = r'''
import json, sys, time
import numpy as np
import pandas as pd

spec = json.loads(sys.argv[1])
train, test = pd.read_csv(spec["train"]), pd.read_csv(spec["test"])
x, y = train.drop(columns=["digit"]).to_numpy(float), train["digit"].to_numpy()
xt, yt = test.drop(columns=["digit"]).to_numpy(float), test["digit"].to_numpy()
n_jobs = 1 if spec["threads"] == "1" else -1
tool = spec["tool"]

def make():
    if tool == "sklearn-boosting":
        from sklearn.ensemble import HistGradientBoostingClassifier
        return HistGradientBoostingClassifier(random_state=42)
    if tool == "lightgbm":
        import lightgbm
        # scikit-learn's defaults in LightGBM's names: min_child_weight is min_hessian_to_split.
        return lightgbm.LGBMClassifier(n_estimators=100, num_leaves=31, learning_rate=0.1, min_child_samples=20,
                                       min_child_weight=1e-3, reg_lambda=0.0, max_bin=255, n_jobs=n_jobs,
                                       random_state=42, verbose=-1)
    if tool == "sklearn-mlp":
        from sklearn.neural_network import MLPClassifier
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler
        return make_pipeline(StandardScaler(), MLPClassifier(random_state=42))
    raise SystemExit(f"unknown tool {tool}")

def gemm_floor(epochs, batch=200, hidden=100, classes=10):
    """The float64 products of `epochs` epochs of scikit-learn's MLP training, and nothing else."""
    rng = np.random.default_rng(0)
    n, p = x.shape
    w1, w2 = rng.standard_normal((p, hidden)), rng.standard_normal((hidden, classes))
    batches = [rng.standard_normal((min(batch, n - s), p)) for s in range(0, n, batch)]
    start = time.perf_counter()
    for _ in range(epochs):
        for xb in batches:
            h = xb @ w1                  # forward, hidden layer
            out = h @ w2                 # forward, output layer
            dw2 = h.T @ out              # backward: output weights
            dh = out @ w2.T              # backward: hidden deltas
            dw1 = xb.T @ dh              # backward: hidden weights
    return time.perf_counter() - start

times, score, extra = [], None, {}
for repeat in range(spec["repeats"] + 1):
    model = make()
    start = time.perf_counter()
    model.fit(x, y)
    elapsed = time.perf_counter() - start
    if repeat > 0:
        times.append(elapsed)
    score = float((model.predict(xt) == yt).mean())
if tool == "sklearn-mlp":
    epochs = int(model[-1].n_iter_)
    floors = [gemm_floor(epochs) for _ in range(spec["repeats"] + 1)][1:]
    extra = {"epochs": epochs, "floor_s": floors}
print(json.dumps({"fit_s": times, "accuracy": score, **extra}))
'''


def run_python(python: Path, spec: dict, env: dict) -> dict:
    done = subprocess.run([str(python), "-c", PYTHON_SIDE, json.dumps(spec)], capture_output=True, text=True,
                          env=env, timeout=1800)
    if done.returncode != 0:
        raise bench.SetupError(f"{spec['tool']} failed: {done.stderr.strip()[-400:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_swiftml(binary: Path, kind: str, split: Path, repeats: int, env: dict) -> dict:
    times, score = [], None
    for _ in range(repeats):
        done = subprocess.run([str(binary), "fit", kind, str(split / "digits_train.csv"),
                               str(split / "digits_test.csv"), "digit"], capture_output=True, text=True, env=env,
                              timeout=600)
        if done.returncode != 0:
            raise bench.SetupError(f"swiftml-bench fit {kind} failed: {done.stderr.strip()[-400:]}")
        line = json.loads(done.stdout.strip().splitlines()[-1])
        times.append(line["fit_s"])
        score = line["accuracy"]
    return {"fit_s": times, "accuracy": score}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--threads", choices=("1", "all", "both"), default="both")
    parser.add_argument("--swiftml-bench", type=Path, default=bench.DEFAULT_SWIFTML_BENCH)
    parser.add_argument("--python", default=sys.executable, help="the Python that builds benchmarks/.venv")
    args = parser.parse_args(argv)
    if not args.swiftml_bench.exists():
        print(f"reference: {args.swiftml_bench} not found: run `make release` first", file=sys.stderr)
        return 2
    try:
        venv = bench.ensure_venv(bench.DEFAULT_VENV, args.python, force=False)
    except bench.SetupError as error:
        print(f"reference: {error}", file=sys.stderr)
        return 2
    python = bench.venv_python(venv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="swiftml-reference-") as temp:
        split = Path(temp)
        subprocess.run([sys.executable, str(bench.MAKE_DATA), "--split-dir", str(split), "--split",
                        str(bench.REPO_ROOT / "notebooks" / "data" / "digits.csv"), "digit"], check=True,
                       capture_output=True)
        for threads in ("1", "all") if args.threads == "both" else (args.threads,):
            env = bench.thread_env(dict(os.environ), threads)  # SWIFTML_THREADS too
            spec = {"train": str(split / "digits_train.csv"), "test": str(split / "digits_test.csv"),
                    "threads": threads, "repeats": args.repeats}
            try:
                swift = run_swiftml(args.swiftml_bench, "boosting", split, args.repeats, env)
                sklearn = run_python(python, {**spec, "tool": "sklearn-boosting"}, env)
                lightgbm = run_python(python, {**spec, "tool": "lightgbm"}, env)
                rows.append(("boosting", threads, swift, [("scikit-learn", sklearn), ("LightGBM", lightgbm)]))
                swift = run_swiftml(args.swiftml_bench, "mlp", split, args.repeats, env)
                sklearn = run_python(python, {**spec, "tool": "sklearn-mlp"}, env)
                floor = {"fit_s": sklearn["floor_s"], "accuracy": None}
                label = f"float64 products ({sklearn['epochs']} epochs)"
                rows.append(("mlp", threads, swift, [("scikit-learn", sklearn), (label, floor)]))
            except (bench.SetupError, subprocess.TimeoutExpired) as error:
                print(f"reference: {error}", file=sys.stderr)
                return 1
    headers = ("case", "threads", "swiftml s", "swiftml acc", "other", "other s", "other acc", "ratio")
    body = []
    for kind, threads, swift, others in rows:
        mine = statistics.median(swift["fit_s"])
        for name, other in others:
            theirs = statistics.median(other["fit_s"])
            acc = "" if other["accuracy"] is None else f"{other['accuracy']:.4f}"
            body.append((f"digits {kind}", threads, bench.fmt_seconds(mine), f"{swift['accuracy']:.4f}", name,
                         bench.fmt_seconds(theirs), acc, bench.fmt_ratio(mine / theirs)))
    print(f"fit time, median of {args.repeats}; ratio = swiftml / other (below 1.00 swiftml is faster)")
    bench.print_aligned(headers, body, numeric={2, 3, 5, 6, 7})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
