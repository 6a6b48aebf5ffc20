"""scikit-learn reference numbers for the classification metrics of MetricsTests.swift.

Run from the repository root (scikit-learn 1.9.1, numpy 2.4):

    python3 Tests/MLLearnTests/Reference/metrics_reference.py

It writes metrics_cases.json beside this script: for each case the truth, the predicted classes and the class
probabilities, and scikit-learn's balanced_accuracy_score, precision_recall_fscore_support with
labels=range(K) and zero_division=0 (per class, macro, weighted), roc_auc_score (binary: the second column;
more classes: multi_class="ovr", average="macro", labels=range(K)), average_precision_score (binary: the
second column; more classes: the default macro over the binarized truth when every class occurs) and, for
two classes, precision_recall_curve. NaN (undefined) is written as null. The cases include tied scores, a
class absent from the truth, a class absent everywhere and a binary truth without positives.
"""

import json
import pathlib
import warnings

import numpy as np
import sklearn
from sklearn.metrics import (
    average_precision_score,
    balanced_accuracy_score,
    precision_recall_curve,
    precision_recall_fscore_support,
    roc_auc_score,
)

warnings.simplefilter("ignore")  # undefined-metric warnings are expected for some cases
here = pathlib.Path(__file__).resolve().parent


def clean(value):
    """Floats with NaN as None, numpy types as Python ones."""
    if isinstance(value, (list, tuple, np.ndarray)):
        return [clean(v) for v in value]
    value = float(value)
    return None if np.isnan(value) else value


def case(name, truth, predicted, probabilities):
    truth = np.asarray(truth)
    predicted = np.asarray(predicted)
    probabilities = np.asarray(probabilities, dtype=float)
    k = probabilities.shape[1]
    labels = list(range(k))
    result = {"name": name, "truth": truth.tolist(), "predicted": predicted.tolist(),
              "probabilities": probabilities.tolist(), "balanced_accuracy": clean(balanced_accuracy_score(truth, predicted))}
    p, r, f, s = precision_recall_fscore_support(truth, predicted, labels=labels, zero_division=0)
    result.update(precision=clean(p), recall=clean(r), f1=clean(f), support=[int(v) for v in s])
    for average in ["macro", "weighted"]:
        p, r, f, _ = precision_recall_fscore_support(truth, predicted, labels=labels, zero_division=0, average=average)
        result[average] = clean([p, r, f])
    if k == 2:
        result["roc_auc"] = clean(roc_auc_score(truth == 1, probabilities[:, 1]) if len(set(truth)) == 2 else np.nan)
        result["average_precision"] = clean(average_precision_score(truth == 1, probabilities[:, 1]))
        precision, recall, thresholds = precision_recall_curve(truth == 1, probabilities[:, 1])
        result["pr_curve"] = {"precision": clean(precision), "recall": clean(recall), "thresholds": clean(thresholds)}
    else:
        result["roc_auc"] = clean(roc_auc_score(truth, probabilities, multi_class="ovr", average="macro", labels=labels))
        present = set(truth.tolist()) == set(labels)
        result["average_precision"] = clean(average_precision_score(truth, probabilities) if present else np.nan)
    return result


cases = []
tied_truth = [0, 0, 1, 1, 0, 1, 1, 0, 1, 0]
tied_scores = np.array([0.1, 0.4, 0.35, 0.8, 0.4, 0.4, 0.9, 0.2, 0.35, 0.7])
cases.append(case("binary with tied scores", tied_truth, (tied_scores >= 0.5).astype(int),
                  np.column_stack([1 - tied_scores, tied_scores])))

rng = np.random.default_rng(0)
truth = rng.integers(0, 2, 30)
scores = np.round(np.clip(0.3 * truth + rng.uniform(0, 0.7, 30), 0, 1), 1)  # one decimal: many ties
cases.append(case("binary with many ties", truth, (scores >= 0.5).astype(int), np.column_stack([1 - scores, scores])))

three_truth = [0, 1, 2, 2, 0, 1, 0]
three_probabilities = [[0.5, 0.2, 0.3], [0.1, 0.6, 0.3], [0.4, 0.2, 0.4], [0.3, 0.3, 0.4], [0.2, 0.4, 0.4],
                       [0.3, 0.5, 0.2], [0.4, 0.4, 0.2]]
cases.append(case("three classes", three_truth, [0, 1, 0, 2, 1, 1, 0], three_probabilities))

weights = rng.integers(1, 5, (40, 4)).astype(float)  # small whole weights: tied probabilities
probabilities = weights / weights.sum(axis=1, keepdims=True)
truth = rng.integers(0, 4, 40)
predicted = np.where(rng.uniform(size=40) < 0.6, truth, rng.integers(0, 4, 40))
cases.append(case("four classes with ties", truth, predicted, probabilities))

cases.append(case("a class absent from the truth", [0, 1, 1, 0, 1, 0, 0], [0, 2, 1, 0, 1, 2, 0], three_probabilities))

four_probabilities = [[0.4, 0.2, 0.3, 0.1], [0.1, 0.5, 0.3, 0.1], [0.3, 0.2, 0.4, 0.1], [0.3, 0.3, 0.3, 0.1],
                      [0.2, 0.4, 0.3, 0.1], [0.3, 0.4, 0.2, 0.1]]
cases.append(case("a class absent everywhere", [0, 1, 2, 2, 0, 1], [0, 1, 1, 2, 1, 1], four_probabilities))

no_positive = np.array([0.1, 0.5, 0.2, 0.5])
cases.append(case("binary without positives", [0, 0, 0, 0], [0, 1, 0, 1], np.column_stack([1 - no_positive, no_positive])))

reference = {
    "command": "python3 Tests/MLLearnTests/Reference/metrics_reference.py",
    "sklearn_version": sklearn.__version__,
    "cases": cases,
}
(here / "metrics_cases.json").write_text(json.dumps(reference, indent=1) + "\n")
print({c["name"]: (c["roc_auc"], c["average_precision"], c["balanced_accuracy"]) for c in cases})
