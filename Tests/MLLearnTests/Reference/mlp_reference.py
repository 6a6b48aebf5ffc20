"""scikit-learn reference numbers for the multilayer-perceptron tests (MultilayerPerceptronTests).

Run from the repository root (scikit-learn 1.9.1, numpy 2.4, pandas 3.1):

    python3 Tests/MLLearnTests/Reference/mlp_reference.py

It writes two files beside this script:

- mlp_backprop.json: for three tiny networks with fixed weights (a logistic, a softmax and an identity
  output), scikit-learn's own loss and gradients from MLPClassifier/MLPRegressor._backprop (the private
  routine its Adam solver calls on every mini-batch), to check the loss conventions: mean log-loss or half
  the mean squared error, plus alpha/2 * ||W||^2 / batch rows.
- mlp_parity.json: 80/20 splits (stratified for classes) with random_state=42, StandardScaler fitted on
  the training rows, then MLPClassifier(random_state=s) with every other setting at its default for
  breast_cancer, iris and digits (test accuracy for s = 42 and for s = 0..9), and
  MLPRegressor(max_iter=2000, random_state=s) on diabetes (test R^2; at the default max_iter=200 it is far
  from converged, R^2 about -1). The test row indices are written too.
"""

import json
import pathlib
import warnings

import numpy as np
import pandas as pd
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.preprocessing import StandardScaler

warnings.filterwarnings("ignore", category=ConvergenceWarning)
here = pathlib.Path(__file__).resolve().parent
root = here.parents[2]
data = root / "notebooks" / "data"


def backprop_case(name, model, x, y, coefs, intercepts):
    """Loss and gradients of scikit-learn's _backprop at the given weights, on all rows as one batch."""
    model.fit(x, y)  # one epoch, only to set up the label binarizer and the layer bookkeeping
    model.coefs_ = [np.array(c, dtype=float) for c in coefs]
    model.intercepts_ = [np.array(b, dtype=float) for b in intercepts]
    if hasattr(model, "_label_binarizer"):
        targets = model._label_binarizer.transform(y).astype(float)
    else:
        targets = np.asarray(y, dtype=float).reshape(-1, 1)
    layers = len(coefs) + 1
    activations = [x] + [None] * (layers - 1)
    deltas = [None] * (layers - 1)
    coef_grads = [np.empty_like(c) for c in model.coefs_]
    intercept_grads = [np.empty_like(b) for b in model.intercepts_]
    loss, coef_grads, intercept_grads = model._backprop(
        x, targets, None, activations, deltas, coef_grads, intercept_grads
    )
    return {
        "name": name,
        "alpha": model.alpha,
        "x": x.tolist(),
        "targets": targets.tolist(),
        "coefs": [np.asarray(c).tolist() for c in coefs],
        "intercepts": [np.asarray(b).tolist() for b in intercepts],
        "output": model.out_activation_,
        "loss": float(loss),
        "coef_grads": [g.tolist() for g in coef_grads],
        "intercept_grads": [g.tolist() for g in intercept_grads],
    }


rng = np.random.default_rng(7)
x = rng.normal(size=(6, 3))
cases = [
    backprop_case(
        "binary, hidden [4]",
        MLPClassifier(hidden_layer_sizes=(4,), alpha=0.3, max_iter=1, random_state=0),
        x, np.array([0, 1, 1, 0, 1, 0]),
        [rng.normal(size=(3, 4)), rng.normal(size=(4, 1))], [rng.normal(size=4), rng.normal(size=1)],
    ),
    backprop_case(
        "three classes, hidden [4, 2]",
        MLPClassifier(hidden_layer_sizes=(4, 2), alpha=0.05, max_iter=1, random_state=0),
        x, np.array([0, 1, 2, 2, 1, 0]),
        [rng.normal(size=(3, 4)), rng.normal(size=(4, 2)), rng.normal(size=(2, 3))],
        [rng.normal(size=4), rng.normal(size=2), rng.normal(size=3)],
    ),
    backprop_case(
        "regression, hidden [5]",
        MLPRegressor(hidden_layer_sizes=(5,), alpha=0.2, max_iter=1, random_state=0),
        x, rng.normal(size=6) * 3,
        [rng.normal(size=(3, 5)), rng.normal(size=(5, 1))], [rng.normal(size=5), rng.normal(size=1)],
    ),
]
# One case per line.
(here / "mlp_backprop.json").write_text(
    '{"cases": [\n' + ",\n".join(json.dumps(case) for case in cases) + "\n]}\n"
)


def parity(file, target, classify, seeds, **settings):
    frame = pd.read_csv(data / file)
    y = frame[target].to_numpy()
    x = frame.drop(columns=[target]).to_numpy(dtype=float)
    indices = np.arange(len(frame))
    _, test = train_test_split(
        indices, test_size=0.2, stratify=y if classify else None, random_state=42
    )
    test = np.sort(test)
    train = np.setdiff1d(indices, test)
    scaler = StandardScaler().fit(x[train])
    fitted = {}
    for seed in sorted(set(seeds) | {42}):
        make = MLPClassifier if classify else MLPRegressor
        model = make(random_state=seed, **settings).fit(scaler.transform(x[train]), y[train])
        fitted[seed] = (model.score(scaler.transform(x[test]), y[test]), model.n_iter_)
    return {
        "file": file,
        "target": target,
        "settings": settings,
        "test_indices": [int(i) for i in test],
        "score_seed42": fitted[42][0],
        "epochs_seed42": fitted[42][1],
        "seeds": list(seeds),
        "scores": [fitted[s][0] for s in seeds],
    }


parity_cases = [
    parity("breast_cancer.csv", "diagnosis", True, []),
    parity("iris.csv", "species", True, range(10)),
    parity("digits.csv", "digit", True, []),
    parity("diabetes.csv", "progression", False, [], max_iter=2000),
]
reference = {
    "command": "python3 Tests/MLLearnTests/Reference/mlp_reference.py",
    "sklearn_version": sklearn.__version__,
    "cases": parity_cases,
}
lines = [f" {json.dumps(key)}: {json.dumps(value)}" for key, value in reference.items()]
(here / "mlp_parity.json").write_text("{\n" + ",\n".join(lines) + "\n}\n")
for case in parity_cases:
    print(case["file"], case["score_seed42"], case["epochs_seed42"], np.mean(case["scores"]) if case["scores"] else "")
