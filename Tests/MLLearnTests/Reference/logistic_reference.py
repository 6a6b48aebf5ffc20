"""scikit-learn reference coefficients for LogisticRegressionTests (small data, tight tolerance).

Run from the repository root (scikit-learn 1.9.1, numpy 2.4):

    python3 Tests/MLLearnTests/Reference/logistic_reference.py

It writes logistic_small.json beside this script. Each case holds the inputs, the class indices,
the options and scikit-learn's coef_, intercept_ and predict_proba on the training rows. They are
solved with solver="newton-cholesky", tol=1e-12: the same objective as the default lbfgs solver
(C * sum of log-losses + 1/2 ||W||^2, multinomial for 3 classes), but Newton's method reaches the
optimum to a gradient of ~1e-13, whereas lbfgs stops near 1e-7 on unscaled iris.
"""

import json
import pathlib

import numpy as np
import sklearn
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression

here = pathlib.Path(__file__).resolve().parent


def case(name, x, y, C):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y)
    model = LogisticRegression(C=C, solver="newton-cholesky", tol=1e-12, max_iter=1000).fit(x, y)
    return {
        "name": name,
        "C": None if np.isinf(C) else C,
        "x": x.tolist(),
        "y": [int(v) for v in y],
        "coef": model.coef_.tolist(),
        "intercept": model.intercept_.tolist(),
        "proba": model.predict_proba(x).tolist(),
    }


# A small, overlapping (not separable) two-feature binary problem.
binary_x = [[0.5, 1.2], [1.0, 0.3], [1.5, 2.2], [2.0, 1.0], [2.5, 0.1], [3.0, 2.5],
            [3.5, 1.9], [4.0, 0.7], [4.5, 2.8], [5.0, 1.5], [1.2, 2.9], [3.8, 0.2]]
binary_y = [0, 0, 0, 1, 0, 1, 0, 1, 1, 1, 1, 0]
iris = load_iris()

cases = [
    case("binary C=1", binary_x, binary_y, 1.0),
    case("binary C=0.1", binary_x, binary_y, 0.1),
    case("binary no penalty", binary_x, binary_y, np.inf),
    case("iris C=1", iris.data, iris.target, 1.0),
]
reference = {
    "command": "python3 Tests/MLLearnTests/Reference/logistic_reference.py",
    "sklearn_version": sklearn.__version__,
    "cases": cases,
}
(here / "logistic_small.json").write_text(json.dumps(reference) + "\n")
for c in cases:
    print(c["name"], c["coef"], c["intercept"])
