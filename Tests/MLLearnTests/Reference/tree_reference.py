"""scikit-learn reference numbers for the decision-tree and random-forest tests.

Run from the repository root (scikit-learn 1.9.1, numpy 2.4, pandas 3.1):

    python3 Tests/MLLearnTests/Reference/tree_reference.py

Writes beside this script:

- tree_small.json: small continuous data sets with scikit-learn's DecisionTreeClassifier /
  DecisionTreeRegressor(random_state=0) fitted on them: the probabilities or predictions on the training
  rows and on held-out rows, the feature importances, the node count and the depth. DecisionTreeTests
  checks the Swift tree reproduces them. Deep nodes have ties (several columns splitting a handful of rows
  the same way); with the same random_state they break the same way, except in the fully grown regression
  tree ("tie_by_rounding"), where a three-row node has three columns giving the same partition and
  scikit-learn's choice falls to the last bit of a target sum accumulated in the row order its introsort
  leaves: there only the training predictions, node count and depth are compared.
- tree_datasets.json: for the notebook data sets, the 0-based test row indices of
  train_test_split(np.arange(n), test_size=0.2, stratify=y, random_state=42) (no stratify for the
  regression set), and scikit-learn's test accuracy (R² for diabetes) of DecisionTree*(random_state=42)
  with its feature_importances_, and of DecisionTree* over random_state 0..19 (list and mean).

forest_reference.py reuses `load` and `preprocess` from here for the random-forest numbers.

The inputs are preprocessed as swiftml's default tree pipeline does: numeric columns imputed with the
median, category columns imputed with the most frequent level and replaced by their index among the
sorted levels (ordinal codes), no scaling.
"""

import json
import pathlib

import numpy as np
import pandas as pd
import sklearn
from sklearn.datasets import make_classification, make_regression
from sklearn.metrics import accuracy_score, r2_score
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

here = pathlib.Path(__file__).resolve().parent
root = here.parents[2]


def small_cases():
    cases = []
    x, y = make_classification(n_samples=160, n_features=5, n_informative=3, n_redundant=1, n_classes=3,
                               n_clusters_per_class=1, random_state=7)
    x = np.round(x, 6)
    train, held = x[:120], x[120:]
    for criterion, params in [("gini", {}), ("entropy", {}), ("gini", {"max_depth": 3}),
                              ("entropy", {"min_samples_leaf": 5, "min_samples_split": 12})]:
        model = DecisionTreeClassifier(criterion=criterion, random_state=0, **params).fit(train, y[:120])
        cases.append({
            "name": f"classes {criterion} {params}", "criterion": criterion,
            "depth": params.get("max_depth"), "min_leaf": params.get("min_samples_leaf", 1),
            "min_split": params.get("min_samples_split", 2),
            "x": train.tolist(), "y": y[:120].tolist(), "held": held.tolist(),
            "output_train": model.predict_proba(train).tolist(), "output_held": model.predict_proba(held).tolist(),
            "importances": model.feature_importances_.tolist(), "node_count": int(model.tree_.node_count),
            "tree_depth": int(model.get_depth()),
        })
    x, y = make_regression(n_samples=160, n_features=4, n_informative=3, noise=5.0, random_state=3)
    x = np.round(x, 6)
    y = np.round(y, 6)
    train, held = x[:120], x[120:]
    for params in [{}, {"max_depth": 4}, {"min_samples_leaf": 3}]:
        model = DecisionTreeRegressor(random_state=0, **params).fit(train, y[:120])
        cases.append({
            "tie_by_rounding": not params,
            "name": f"values {params}", "criterion": "mse",
            "depth": params.get("max_depth"), "min_leaf": params.get("min_samples_leaf", 1), "min_split": 2,
            "x": train.tolist(), "y": y[:120].tolist(), "held": held.tolist(),
            "output_train": model.predict(train).reshape(-1, 1).tolist(),
            "output_held": model.predict(held).reshape(-1, 1).tolist(),
            "importances": model.feature_importances_.tolist(), "node_count": int(model.tree_.node_count),
            "tree_depth": int(model.get_depth()),
        })
    return cases


def preprocess(frame, target, train_rows):
    """Median / most-frequent imputation and ordinal codes, learned on the training rows."""
    columns = []
    for name in frame.columns:
        if name == target:
            continue
        column = frame[name]
        if pd.api.types.is_numeric_dtype(column):
            fill = column.iloc[train_rows].median()
            columns.append(column.fillna(fill).to_numpy(dtype=float))
        else:
            train = column.iloc[train_rows].dropna()
            levels = sorted(train.unique())
            counts = train.value_counts()
            fill = sorted(counts[counts == counts.max()].index)[0]
            index = {level: i for i, level in enumerate(levels)}
            columns.append(column.fillna(fill).map(lambda v: index.get(v, -1)).to_numpy(dtype=float))
    return np.column_stack(columns)


def load(name, target, classification):
    """The frame's rows with a target, the train/test row indices, x preprocessed, y and the scorer."""
    frame = pd.read_csv(root / "notebooks" / "data" / f"{name}.csv")
    frame = frame[frame[target].notna()].reset_index(drop=True)
    y = frame[target].to_numpy()
    indices = np.arange(len(frame))
    train, test = train_test_split(indices, test_size=0.2, stratify=y if classification else None, random_state=42)
    x = preprocess(frame, target, train)
    return train, test, x, y, (accuracy_score if classification else r2_score)


def dataset(name, target, classification):
    train, test, x, y, score = load(name, target, classification)
    tree_type = DecisionTreeClassifier if classification else DecisionTreeRegressor

    def tree_score(seed):
        return score(y[test], tree_type(random_state=seed).fit(x[train], y[train]).predict(x[test]))

    tree_seeds = [tree_score(seed) for seed in range(20)]
    tree = tree_type(random_state=42).fit(x[train], y[train])
    return {
        "test_indices": sorted(int(i) for i in test),
        "tree_42": tree_score(42),
        "tree_importances_42": tree.feature_importances_.tolist(),
        "tree_seeds": tree_seeds,
        "tree_mean": float(np.mean(tree_seeds)),
    }


DATASETS = [("breast_cancer", "diagnosis", True), ("iris", "species", True), ("digits", "digit", True),
            ("penguins", "species", True), ("diabetes", "progression", False)]

if __name__ == "__main__":
    print("scikit-learn", sklearn.__version__)
    (here / "tree_small.json").write_text(json.dumps({"cases": small_cases()}))
    sets = {name: dataset(name, target, classification) for name, target, classification in DATASETS}
    (here / "tree_datasets.json").write_text(json.dumps(sets, indent=1))
    for name, values in sets.items():
        print(name, {k: v for k, v in values.items() if k in ("tree_42", "tree_mean")})
