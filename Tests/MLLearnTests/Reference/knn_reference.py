"""scikit-learn reference numbers for NearestNeighborsTests (k nearest neighbours).

Run from the repository root (scikit-learn 1.9.1, numpy 2.4, pandas 3.1):

    python3 Tests/MLLearnTests/Reference/knn_reference.py

It writes knn_datasets.json beside this script. Classification (breast_cancer, iris, digits) uses the
80/20 stratified split train_test_split(np.arange(n), test_size=0.2, stratify=y, random_state=42);
regression (diabetes) the same split without stratification. Row indices are 0-based data rows of
the CSV (header excluded). The preprocessing is swiftml's default for `knn` (median imputation +
StandardScaler; these data sets have no text inputs) and the models are
KNeighborsClassifier / KNeighborsRegressor(n_neighbors=k, weights=…, algorithm="brute") for k=5
uniform and k=7 distance. It records the test accuracy (R² for regression) and the predicted
probabilities (values) of the first five test rows.
"""

import json
import pathlib

import numpy as np
import pandas as pd
import sklearn
from sklearn.impute import SimpleImputer
from sklearn.metrics import accuracy_score, r2_score
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

here = pathlib.Path(__file__).resolve().parent
root = here.parents[2]


def dataset(name, target, classify):
    frame = pd.read_csv(root / "notebooks" / "data" / f"{name}.csv")
    y = frame[target].to_numpy()
    x = frame.drop(columns=[target])
    indices = np.arange(len(frame))
    train_idx, test_idx = train_test_split(
        indices, test_size=0.2, stratify=y if classify else None, random_state=42)
    train_idx, test_idx = np.sort(train_idx), np.sort(test_idx)
    fits = []
    for k, weights in [(5, "uniform"), (7, "distance")]:
        make = KNeighborsClassifier if classify else KNeighborsRegressor
        model = make_pipeline(
            SimpleImputer(strategy="median"), StandardScaler(),
            make(n_neighbors=k, weights=weights, algorithm="brute"),
        ).fit(x.iloc[train_idx], y[train_idx])
        truth = y[test_idx]
        fit = {"k": k, "weights": weights}
        if classify:
            proba = model.predict_proba(x.iloc[test_idx])
            fit["score"] = accuracy_score(truth, model.predict(x.iloc[test_idx]))
            fit["first_outputs"] = proba[:5].tolist()
        else:
            predicted = model.predict(x.iloc[test_idx])
            fit["score"] = r2_score(truth, predicted)
            fit["first_outputs"] = [[v] for v in predicted[:5].tolist()]
        fits.append(fit)
    return {
        "name": name,
        "target": target,
        "classification": classify,
        "train_indices": [int(i) for i in train_idx],
        "test_indices": [int(i) for i in test_idx],
        "fits": fits,
    }


reference = {
    "command": "python3 Tests/MLLearnTests/Reference/knn_reference.py",
    "sklearn_version": sklearn.__version__,
    "datasets": [
        dataset("breast_cancer", "diagnosis", True),
        dataset("iris", "species", True),
        dataset("digits", "digit", True),
        dataset("diabetes", "progression", False),
    ],
}
(here / "knn_datasets.json").write_text(json.dumps(reference) + "\n")
for d in reference["datasets"]:
    for f in d["fits"]:
        print(d["name"], f["k"], f["weights"], round(f["score"], 6))
