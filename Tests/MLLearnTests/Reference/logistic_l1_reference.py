"""scikit-learn reference coefficients for L1-penalised logistic regression (LinearModelTests).

Run from the repository root (scikit-learn 1.9.1, numpy 2.4):

    python3 Tests/MLLearnTests/Reference/logistic_l1_reference.py

It writes logistic_l1.json beside this script. Each case holds the inputs, the class indices, C and
scikit-learn's coef_, intercept_ and predict_proba on the training rows for
LogisticRegression(l1_ratio=1, solver="saga", C=C, tol=1e-12, max_iter=200000) (l1_ratio=1 is
penalty="l1", spelled as scikit-learn 1.8+ asks). It minimises C · Σ log-loss + ‖W‖₁ with the
intercepts unpenalised (multinomial for three classes), which is swiftml's `logistic` with
`penalty: l1`.

SAGA stops when the weights stop changing, which is not always the optimum (with every weight at
zero it left the intercept of this binary problem at C=0.2 visibly off), so the script checks the
optimality conditions of every case: 0 ∈ C·∇Σ log-loss + ∂‖W‖₁, to 1e-6.

It also records the breast-cancer parity numbers for `fit logistic` with `penalty: l1`: the 80/20 split
train_test_split(np.arange(n), test_size=0.2, stratify=y, random_state=42), StandardScaler and the same
estimator with C=1; test accuracy, log loss and the number of nonzero weights.
"""

import json
import pathlib
import warnings

import numpy as np
import pandas as pd
import sklearn
from sklearn.datasets import load_iris
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, log_loss
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

here = pathlib.Path(__file__).resolve().parent
root = here.parents[2]


def check_optimality(x, y, coef, intercept, C, tolerance=1e-6):
    """Asserts 0 ∈ C·∇Σ log-loss + ∂‖W‖₁ (intercepts: a zero gradient)."""
    scores = x @ coef.T + intercept
    if coef.shape[0] == 1:
        residual = (1 / (1 + np.exp(-scores)) - y[:, None])
    else:
        scores = np.exp(scores - scores.max(axis=1, keepdims=True))
        residual = scores / scores.sum(axis=1, keepdims=True) - np.eye(coef.shape[0])[y]
    gradient = C * residual.T @ x
    assert np.all(np.abs(C * residual.sum(axis=0)) <= tolerance), "intercept gradient"
    nonzero = coef != 0
    assert np.all(np.abs(gradient[nonzero] + np.sign(coef[nonzero])) <= tolerance), "active weights"
    assert np.all(np.abs(gradient[~nonzero]) <= 1 + tolerance), "zero weights"


def case(name, x, y, C):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        model = LogisticRegression(
            l1_ratio=1.0, solver="saga", C=C, tol=1e-12, max_iter=200000).fit(x, y)
    check_optimality(x, y, model.coef_, model.intercept_, C)
    return {
        "name": name,
        "C": C,
        "x": x.tolist(),
        "y": [int(v) for v in y],
        "coef": model.coef_.tolist(),
        "intercept": model.intercept_.tolist(),
        "proba": model.predict_proba(x).tolist(),
    }


# The binary problem of logistic_reference.py (overlapping classes, two features).
binary_x = [[0.5, 1.2], [1.0, 0.3], [1.5, 2.2], [2.0, 1.0], [2.5, 0.1], [3.0, 2.5],
            [3.5, 1.9], [4.0, 0.7], [4.5, 2.8], [5.0, 1.5], [1.2, 2.9], [3.8, 0.2]]
binary_y = [0, 0, 0, 1, 0, 1, 0, 1, 1, 1, 1, 0]
iris = load_iris()
iris_x = StandardScaler().fit_transform(iris.data)

cases = [
    case("binary C=1", binary_x, binary_y, 1.0),
    case("binary C=0.3", binary_x, binary_y, 0.3),
    case("standardised iris C=0.1", iris_x, iris.target, 0.1),
]
frame = pd.read_csv(root / "notebooks" / "data" / "breast_cancer.csv")
labels = frame["diagnosis"].to_numpy()
inputs = frame.drop(columns=["diagnosis"]).to_numpy()
train_idx, test_idx = train_test_split(
    np.arange(len(frame)), test_size=0.2, stratify=labels, random_state=42)
scaler = StandardScaler().fit(inputs[train_idx])
cancer = LogisticRegression(l1_ratio=1.0, solver="saga", C=1.0, tol=1e-10, max_iter=200000).fit(
    scaler.transform(inputs[train_idx]), labels[train_idx])
check_optimality(scaler.transform(inputs[train_idx]), (labels[train_idx] == cancer.classes_[1]).astype(int),
                 cancer.coef_, cancer.intercept_, 1.0, tolerance=1e-5)
test_x = scaler.transform(inputs[test_idx])
breast_cancer = {
    "test_indices": sorted(int(i) for i in test_idx),
    "accuracy": accuracy_score(labels[test_idx], cancer.predict(test_x)),
    "log_loss": log_loss(labels[test_idx], cancer.predict_proba(test_x), labels=cancer.classes_),
    "nonzero": int(np.count_nonzero(cancer.coef_)),
}

reference = {
    "command": "python3 Tests/MLLearnTests/Reference/logistic_l1_reference.py",
    "sklearn_version": sklearn.__version__,
    "cases": cases,
    "breast_cancer": breast_cancer,
}
(here / "logistic_l1.json").write_text(json.dumps(reference) + "\n")
print("breast cancer", breast_cancer["accuracy"], breast_cancer["log_loss"], breast_cancer["nonzero"])
for c in cases:
    print(c["name"], np.round(c["coef"], 6).tolist(), np.round(c["intercept"], 6).tolist())
