"""scikit-learn reference numbers for the random-forest tests.

Run from the repository root (scikit-learn 1.9.1, numpy 2.4, pandas 3.1):

    python3 Tests/MLLearnTests/Reference/forest_reference.py

Writes forest_datasets.json beside this script: for the notebook data sets (same rows, split and
preprocessing as tree_reference.py: median / most-frequent imputation, ordinal codes, no scaling), the
test accuracy (R² for diabetes) of RandomForestClassifier / RandomForestRegressor(n_estimators=100,
random_state=42, oob_score=True), its oob_score_ and feature_importances_, and the test scores over
random_state 0..9 (list and mean).
"""

import json
import pathlib
import sys

import numpy as np
from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor

here = pathlib.Path(__file__).resolve().parent
sys.dont_write_bytecode = True
sys.path.insert(0, str(here))
from tree_reference import DATASETS, load  # noqa: E402


def dataset(name, target, classification):
    train, test, x, y, score = load(name, target, classification)
    forest_type = RandomForestClassifier if classification else RandomForestRegressor
    forest = forest_type(n_estimators=100, random_state=42, oob_score=True).fit(x[train], y[train])
    seeds = [score(y[test], forest_type(n_estimators=100, random_state=s).fit(x[train], y[train]).predict(x[test]))
             for s in range(10)]
    return {
        "forest_42": score(y[test], forest.predict(x[test])),
        "forest_oob_42": float(forest.oob_score_),
        "forest_importances_42": forest.feature_importances_.tolist(),
        "forest_seeds": seeds,
        "forest_mean": float(np.mean(seeds)),
    }


if __name__ == "__main__":
    sets = {name: dataset(name, target, classification) for name, target, classification in DATASETS}
    (here / "forest_datasets.json").write_text(json.dumps(sets, indent=1))
    for name, values in sets.items():
        print(name, {k: v for k, v in values.items() if k in ("forest_42", "forest_oob_42", "forest_mean")})
