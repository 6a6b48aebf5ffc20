"""scikit-learn reference numbers for NaiveBayesTests (Gaussian + categorical naive Bayes).

Run from the repository root (scikit-learn 1.9.1, numpy 2.4, pandas 3.1):

    python3 Tests/MLLearnTests/Reference/bayes_reference.py

It writes bayes_datasets.json beside this script. For breast_cancer, iris, penguins and digits it makes
the 80/20 stratified split train_test_split(np.arange(n), test_size=0.2, stratify=y, random_state=42)
and records the test accuracy, log loss and the predicted probabilities of the first five test rows.
Row indices are 0-based data rows of the CSV (header excluded).

The preprocessing is swiftml's default for `bayes`: median imputation of numeric columns (no scaling)
and most-frequent imputation + ordinal codes (levels sorted) for text columns. Numeric columns get
GaussianNB(var_smoothing=1e-9); the ordinal-coded columns (penguins: island, sex) get
CategoricalNB(alpha=1). The two are combined as naive Bayes combines any features: the joint log
likelihood is GaussianNB's plus CategoricalNB's minus one log prior (both include it), normalised
with log-sum-exp.
"""

import json
import pathlib

import numpy as np
import pandas as pd
import sklearn
from scipy.special import logsumexp
from sklearn.impute import SimpleImputer
from sklearn.metrics import accuracy_score, log_loss, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import CategoricalNB, GaussianNB
from sklearn.preprocessing import OrdinalEncoder

here = pathlib.Path(__file__).resolve().parent
root = here.parents[2]


def dataset(name, target):
    frame = pd.read_csv(root / "notebooks" / "data" / f"{name}.csv")
    y = frame[target].to_numpy()
    x = frame.drop(columns=[target])
    train_idx, test_idx = train_test_split(np.arange(len(frame)), test_size=0.2, stratify=y, random_state=42)
    train_idx, test_idx = np.sort(train_idx), np.sort(test_idx)
    numeric = [c for c in x.columns if pd.api.types.is_numeric_dtype(x[c])]
    text = [c for c in x.columns if c not in numeric]

    num_imputer = SimpleImputer(strategy="median").fit(x.iloc[train_idx][numeric])
    xn_train = num_imputer.transform(x.iloc[train_idx][numeric])
    xn_test = num_imputer.transform(x.iloc[test_idx][numeric])
    gaussian = GaussianNB().fit(xn_train, y[train_idx])
    jll = gaussian.predict_joint_log_proba(xn_test)
    classes = gaussian.classes_
    if text:
        cat_imputer = SimpleImputer(strategy="most_frequent").fit(x.iloc[train_idx][text].astype(object))
        encoder = OrdinalEncoder().fit(cat_imputer.transform(x.iloc[train_idx][text].astype(object)))
        xc_train = encoder.transform(cat_imputer.transform(x.iloc[train_idx][text].astype(object)))
        xc_test = encoder.transform(cat_imputer.transform(x.iloc[test_idx][text].astype(object)))
        categorical = CategoricalNB(alpha=1.0).fit(xc_train, y[train_idx])
        assert list(categorical.classes_) == list(classes)
        jll = jll + categorical.predict_joint_log_proba(xc_test) - np.log(gaussian.class_prior_)
    proba = np.exp(jll - logsumexp(jll, axis=1, keepdims=True))
    predicted = classes[np.argmax(proba, axis=1)]
    truth = y[test_idx]
    return {
        "name": name,
        "target": target,
        "classes": [str(c) for c in classes],
        "categorical": text,
        "test_indices": [int(i) for i in test_idx],
        "accuracy": accuracy_score(truth, predicted),
        "log_loss": log_loss(truth, proba, labels=classes),
        # Two classes: the second class's probability; more: one-vs-rest macro (swiftml's `auc`).
        "auc": roc_auc_score(truth == classes[1], proba[:, 1])
        if len(classes) == 2
        else roc_auc_score(truth, proba, multi_class="ovr", labels=classes),
        "first_probabilities": proba[:5].tolist(),
    }


reference = {
    "command": "python3 Tests/MLLearnTests/Reference/bayes_reference.py",
    "sklearn_version": sklearn.__version__,
    "datasets": [
        dataset("breast_cancer", "diagnosis"),
        dataset("iris", "species"),
        dataset("penguins", "species"),
        dataset("digits", "digit"),
    ],
}
(here / "bayes_datasets.json").write_text(json.dumps(reference) + "\n")
for d in reference["datasets"]:
    print(d["name"], d["categorical"], round(d["accuracy"], 6), round(d["log_loss"], 6), round(d["auc"], 6))
