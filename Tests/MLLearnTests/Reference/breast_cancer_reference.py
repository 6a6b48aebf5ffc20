"""scikit-learn reference numbers for the breast-cancer logistic-regression parity test.

Run from the repository root (scikit-learn 1.9.1, numpy 2.4, pandas 3.1):

    python3 Tests/MLLearnTests/Reference/breast_cancer_reference.py

It reads notebooks/data/breast_cancer.csv, makes the 80/20 stratified split with
random_state=42, fits StandardScaler + LogisticRegression(C=1.0, max_iter=1000) on the training
rows and writes breast_cancer_logistic.json beside this script: the 0-based test row indices
(data rows, header excluded) and scikit-learn's test metrics. LogisticRegressionTests reads it.
"""

import json
import pathlib

import numpy as np
import pandas as pd
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score, log_loss, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

here = pathlib.Path(__file__).resolve().parent
root = here.parents[2]
frame = pd.read_csv(root / "notebooks" / "data" / "breast_cancer.csv")
y = frame["diagnosis"]
x = frame.drop(columns=["diagnosis"])
indices = np.arange(len(frame))
train_idx, test_idx = train_test_split(indices, test_size=0.2, stratify=y, random_state=42)

model = make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=1000))
model.fit(x.iloc[train_idx], y.iloc[train_idx])
classes = list(model.classes_)  # ['benign', 'malignant']: the positive class is 'malignant'
proba = model.predict_proba(x.iloc[test_idx])
predicted = model.predict(x.iloc[test_idx])
truth = y.iloc[test_idx]

reference = {
    "command": "python3 Tests/MLLearnTests/Reference/breast_cancer_reference.py",
    "sklearn_version": sklearn.__version__,
    "classes": classes,
    "test_indices": sorted(int(i) for i in test_idx),
    "accuracy": accuracy_score(truth, predicted),
    "f1_macro": f1_score(truth, predicted, average="macro"),
    "roc_auc": roc_auc_score(truth == classes[1], proba[:, 1]),
    "log_loss": log_loss(truth, proba, labels=classes),
    "n_iter": int(model[-1].n_iter_[0]),
}
# One key per line; the index list stays on one line.
lines = [f" {json.dumps(key)}: {json.dumps(value)}" for key, value in reference.items()]
(here / "breast_cancer_logistic.json").write_text("{\n" + ",\n".join(lines) + "\n}\n")
print({k: v for k, v in reference.items() if k != "test_indices"})
