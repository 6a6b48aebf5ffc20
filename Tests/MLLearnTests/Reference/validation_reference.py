"""scikit-learn reference numbers for CrossValidationTests, TuningTests and LearningCurveTests.

Run from the repository root (scikit-learn 1.9.1, numpy 2.4, pandas 3.1):

    python3 Tests/MLLearnTests/Reference/validation_reference.py

scikit-learn cannot share swiftml's seeded fold assignment, so this script exports its own folds and the
Swift tests feed the same row indices to the `splits:` variants. On notebooks/data/breast_cancer.csv, with
StratifiedKFold(5, shuffle=True, random_state=0) and make_pipeline(StandardScaler(),
LogisticRegression(C=…, solver="newton-cholesky", tol=1e-10, max_iter=1000)) (the optimum swiftml's L-BFGS
also reaches), it writes validation_breast_cancer.json with:

- folds: each fold's train and test row indices (0-based data rows, header excluded);
- cross_validate: per-fold accuracy, balanced accuracy, macro F1, ROC-AUC, average precision and log loss
  (positive class 'malignant'), with mean and numpy std (ddof=0) of accuracy;
- grid: GridSearchCV over C in [0.001, 0.01, 0.1, 1, 10] on the same folds, scoring accuracy: mean, std and
  rank of every candidate and the best C;
- learning_curve: learning_curve(..., cv=the folds, train_sizes=linspace(0.1, 1, 5), shuffle=False,
  scoring="accuracy"): the absolute sizes and train / test scores by size and fold.
"""

import json
import pathlib

import numpy as np
import pandas as pd
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, StratifiedKFold, cross_validate, learning_curve
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

here = pathlib.Path(__file__).resolve().parent
root = here.parents[2]
frame = pd.read_csv(root / "notebooks" / "data" / "breast_cancer.csv")
y = (frame["diagnosis"] == "malignant").astype(int)  # the second class in sorted order is positive
x = frame.drop(columns=["diagnosis"])


def model(c=1.0):
    return make_pipeline(
        StandardScaler(), LogisticRegression(C=c, solver="newton-cholesky", tol=1e-10, max_iter=1000))


folds = list(StratifiedKFold(5, shuffle=True, random_state=0).split(x, y))
scoring = {"accuracy": "accuracy", "balanced_accuracy": "balanced_accuracy", "f1": "f1_macro",
           "auc": "roc_auc", "average_precision": "average_precision", "log_loss": "neg_log_loss"}
cv = cross_validate(model(), x, y, cv=folds, scoring=scoring)
per_fold = {name: cv[f"test_{name}"].tolist() for name in scoring}
per_fold["log_loss"] = [-v for v in per_fold["log_loss"]]

grid_values = [0.001, 0.01, 0.1, 1.0, 10.0]
search = GridSearchCV(model(), {"logisticregression__C": grid_values}, cv=folds, scoring="accuracy")
search.fit(x, y)
results = search.cv_results_

sizes, train_scores, test_scores = learning_curve(
    model(), x, y, cv=folds, train_sizes=np.linspace(0.1, 1.0, 5), shuffle=False, scoring="accuracy")

reference = {
    "command": "python3 Tests/MLLearnTests/Reference/validation_reference.py",
    "sklearn_version": sklearn.__version__,
    "folds": [{"train": train.tolist(), "test": test.tolist()} for train, test in folds],
    "cross_validate": {
        "scores": per_fold,
        "accuracy_mean": float(np.mean(per_fold["accuracy"])),
        "accuracy_std": float(np.std(per_fold["accuracy"])),
    },
    "grid": {
        "C": grid_values,
        "mean": results["mean_test_score"].tolist(),
        "std": results["std_test_score"].tolist(),
        "rank": results["rank_test_score"].tolist(),
        "best_C": search.best_params_["logisticregression__C"],
    },
    "learning_curve": {
        "sizes": sizes.tolist(),
        "train": train_scores.tolist(),
        "test": test_scores.tolist(),
    },
}
# One key per line keeps the file readable; the index lists stay on one line each.
(here / "validation_breast_cancer.json").write_text(json.dumps(reference) + "\n")
print(json.dumps({k: v for k, v in reference.items() if k != "folds"}, indent=1))
