"""scikit-learn reference numbers for the gradient-boosting (`boosting`) parity tests.

Run from the repository root (scikit-learn 1.9.1, numpy 2.4, pandas 3.1):

    python3 Tests/MLLearnTests/Reference/boosting_reference.py

It writes two files beside this script, read by GradientBoostingTests:

boosting_parity.json
    For breast_cancer, iris, digits and penguins (classification) and diabetes and cars (regression; the Name
    column of cars dropped, rows with a missing target dropped first): the 0-based test row indices of
    train_test_split(np.arange(n), test_size=0.2, random_state=42, stratify=y for classification), and the test
    accuracy or R² of HistGradientBoostingClassifier / HistGradientBoostingRegressor(random_state=42) fitted on
    the training rows after swiftml's default tree pipeline: median imputation of number columns, most-frequent
    imputation and ordinal codes (sorted levels, unseen levels -1) of category columns, no scaling. None of these
    sets has more than 10 000 rows, so early stopping is off and the fits are deterministic; the test-row
    probabilities (classification) or predictions (regression) are stored too.

boosting_small.json
    Tiny hand-checkable fits (one round, at most two leaves, min_samples_leaf=1, no early stopping): the raw
    predictions (decision_function, or predict for regression) on the training rows.
"""

import json
import pathlib

import numpy as np
import pandas as pd
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.impute import SimpleImputer
from sklearn.metrics import accuracy_score, r2_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OrdinalEncoder

here = pathlib.Path(__file__).resolve().parent
root = here.parents[2]

DATASETS = [
    # name, target, task, dropped columns
    ("breast_cancer", "diagnosis", "classification", []),
    ("iris", "species", "classification", []),
    ("digits", "digit", "classification", []),
    ("penguins", "species", "classification", []),
    ("diabetes", "progression", "regression", []),
    ("cars", "Miles_per_Gallon", "regression", ["Name"]),
]


def tree_pipeline(x):
    """swiftml's default pipeline for tree models on the columns of `x`."""
    categorical = [c for c in x.columns if not pd.api.types.is_numeric_dtype(x[c])]
    numeric = [c for c in x.columns if c not in categorical]
    steps = []
    if numeric:
        steps.append(("num", SimpleImputer(strategy="median"), numeric))
    if categorical:
        encoder = OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1)
        steps.append(("cat", make_pipeline(SimpleImputer(strategy="most_frequent"), encoder), categorical))
    # Keep the frame's column order, as swiftml does.
    order = [x.columns.get_loc(c) for c in numeric + categorical]
    return ColumnTransformer(steps), np.argsort(order)


def parity():
    result = {"command": "python3 Tests/MLLearnTests/Reference/boosting_reference.py",
              "sklearn_version": sklearn.__version__, "datasets": []}
    for name, target, task, dropped in DATASETS:
        frame = pd.read_csv(root / "notebooks" / "data" / f"{name}.csv").drop(columns=dropped)
        frame = frame[frame[target].notna()].reset_index(drop=True)
        y = frame[target]
        x = frame.drop(columns=[target])
        for c in x.columns:
            if not pd.api.types.is_numeric_dtype(x[c]):
                x[c] = x[c].astype(object)
        indices = np.arange(len(frame))
        stratify = y if task == "classification" else None
        train_idx, test_idx = train_test_split(indices, test_size=0.2, stratify=stratify, random_state=42)
        transformer, inverse = tree_pipeline(x)
        x_train = transformer.fit_transform(x.iloc[train_idx])[:, inverse].astype(float)
        x_test = transformer.transform(x.iloc[test_idx])[:, inverse].astype(float)
        entry = {"name": name, "target": target, "task": task, "dropped": dropped,
                 "test_indices": sorted(int(i) for i in test_idx)}
        order = np.argsort(test_idx)  # test rows in increasing index order, as the Swift test selects them
        if task == "classification":
            model = HistGradientBoostingClassifier(random_state=42).fit(x_train, y.iloc[train_idx])
            entry["classes"] = [str(c) for c in model.classes_]
            entry["accuracy"] = accuracy_score(y.iloc[test_idx], model.predict(x_test))
            entry["probabilities"] = model.predict_proba(x_test)[order].round(12).tolist()
        else:
            model = HistGradientBoostingRegressor(random_state=42).fit(x_train, y.iloc[train_idx])
            predicted = model.predict(x_test)
            entry["r2"] = r2_score(y.iloc[test_idx], predicted)
            entry["predictions"] = predicted[order].round(10).tolist()
        entry["n_iter"] = int(model.n_iter_)
        result["datasets"].append(entry)
        print(name, {k: v for k, v in entry.items() if k in ("accuracy", "r2", "n_iter")})
    return result


def small():
    x = [[1.0], [2.0], [3.0], [4.0], [5.0], [6.0]]
    common = dict(max_iter=1, max_leaf_nodes=2, min_samples_leaf=1, early_stopping=False)
    cases = []
    y_reg = [1.0, 1.0, 1.0, 5.0, 5.0, 5.0]
    for l2 in (0.0, 1.0):
        model = HistGradientBoostingRegressor(l2_regularization=l2, **common).fit(x, y_reg)
        cases.append({"name": f"regression l2={l2}", "task": "regression", "l2": l2, "x": x, "y": y_reg,
                      "raw": model.predict(x).tolist()})
    y_bin = [0, 0, 0, 1, 1, 1]
    model = HistGradientBoostingClassifier(**common).fit(x, y_bin)
    cases.append({"name": "binary", "task": "classification", "l2": 0.0, "x": x, "y": y_bin,
                  "raw": model.decision_function(x).tolist()})
    x3 = [[1.0], [2.0], [3.0], [4.0], [5.0], [6.0], [7.0], [8.0], [9.0]]
    y3 = [0, 0, 0, 1, 1, 1, 2, 2, 2]
    model = HistGradientBoostingClassifier(**common).fit(x3, y3)
    cases.append({"name": "multiclass", "task": "classification", "l2": 0.0, "x": x3, "y": y3,
                  "raw": model.decision_function(x3).tolist()})
    return {"command": "python3 Tests/MLLearnTests/Reference/boosting_reference.py",
            "sklearn_version": sklearn.__version__, "cases": cases}


def write(name, data):
    (here / name).write_text(json.dumps(data, separators=(",", ":")) + "\n")


write("boosting_parity.json", parity())
write("boosting_small.json", small())
