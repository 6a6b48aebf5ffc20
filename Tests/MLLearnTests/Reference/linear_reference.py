"""scikit-learn reference numbers for LinearModelTests (linear regression: OLS, ridge, lasso).

Run from the repository root (scikit-learn 1.9.1, numpy 2.4, pandas 3.1):

    python3 Tests/MLLearnTests/Reference/linear_reference.py

It writes linear_datasets.json beside this script. For diabetes (target progression) and cars
(target Miles_per_Gallon, the Name column dropped, the 8 rows with a missing target dropped first)
it makes the 80/20 split train_test_split(rows, test_size=0.2, random_state=42) (no stratification:
the target is a number), fits the default swiftml pipeline's equivalent (median imputation +
StandardScaler for numeric columns, most-frequent imputation + one-hot for text columns) and
LinearRegression(), Ridge(alpha=1) and Lasso(alpha=0.1) on the training rows, and records the test
R² and RMSE. Row indices are 0-based data rows of the CSV (header excluded). For diabetes, whose
inputs are all numeric and keep their column order, it also records coef_ and intercept_.

swiftml's `linear` minimises (1/2n)·‖y − Xw − b‖² + l1·‖w‖₁ + (l2/2n)·‖w‖², so l2=1 is Ridge(alpha=1)
and l1=0.1 is Lasso(alpha=0.1); an elastic-net case (l1=0.05, l2=10) is checked against
ElasticNet(alpha=l1 + l2/n, l1_ratio=l1/(l1 + l2/n)).
"""

import json
import pathlib

import numpy as np
import pandas as pd
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import ElasticNet, Lasso, LinearRegression, Ridge
from sklearn.metrics import mean_squared_error, r2_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

here = pathlib.Path(__file__).resolve().parent
root = here.parents[2]


def preprocessor(x):
    numeric = [c for c in x.columns if pd.api.types.is_numeric_dtype(x[c])]
    text = [c for c in x.columns if c not in numeric]
    return ColumnTransformer([
        ("num", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), numeric),
        ("cat", make_pipeline(SimpleImputer(strategy="most_frequent"), OneHotEncoder(handle_unknown="ignore")),
         text),
    ])


def dataset(name, target, drop=()):
    frame = pd.read_csv(root / "notebooks" / "data" / f"{name}.csv").drop(columns=list(drop))
    rows = np.flatnonzero(frame[target].notna().to_numpy())
    train_idx, test_idx = train_test_split(rows, test_size=0.2, random_state=42)
    x = frame.drop(columns=[target])
    y = frame[target]
    n = len(train_idx)
    models = {
        "ols": ({}, LinearRegression()),
        "ridge": ({"l2": 1.0}, Ridge(alpha=1.0)),
        "lasso": ({"l1": 0.1}, Lasso(alpha=0.1)),
        "elasticnet": ({"l1": 0.05, "l2": 10.0},
                       ElasticNet(alpha=0.05 + 10.0 / n, l1_ratio=0.05 / (0.05 + 10.0 / n))),
    }
    fits = []
    for label, (hyper, estimator) in models.items():
        model = make_pipeline(preprocessor(x), estimator).fit(x.iloc[train_idx], y.iloc[train_idx])
        predicted = model.predict(x.iloc[test_idx])
        truth = y.iloc[test_idx]
        fit = {
            "label": label,
            "hyperparameters": hyper,
            "r2": r2_score(truth, predicted),
            "rmse": mean_squared_error(truth, predicted) ** 0.5,
            "coef": model[-1].coef_.tolist(),
            "intercept": float(model[-1].intercept_),
        }
        if getattr(model[-1], "n_iter_", None) is not None:
            fit["n_iter"] = int(model[-1].n_iter_)
        fits.append(fit)
    return {
        "name": name,
        "target": target,
        "drop": list(drop),
        "train_indices": sorted(int(i) for i in train_idx),
        "test_indices": sorted(int(i) for i in test_idx),
        "fits": fits,
    }


reference = {
    "command": "python3 Tests/MLLearnTests/Reference/linear_reference.py",
    "sklearn_version": sklearn.__version__,
    "datasets": [
        dataset("diabetes", "progression"),
        dataset("cars", "Miles_per_Gallon", drop=["Name"]),
    ],
}
(here / "linear_datasets.json").write_text(json.dumps(reference) + "\n")
for d in reference["datasets"]:
    for f in d["fits"]:
        print(d["name"], f["label"], round(f["r2"], 6), f.get("n_iter"), np.round(f["coef"], 4).tolist())
