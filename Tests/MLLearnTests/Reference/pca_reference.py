"""scikit-learn reference numbers for the principal-component tests (PCATests).

Run from the repository root (scikit-learn 1.9.1, numpy 2.4, pandas 3.1):

    python3 Tests/MLLearnTests/Reference/pca_reference.py

For iris and breast_cancer (all rows, the target dropped), StandardScaler then PCA() with scikit-learn's
defaults (svd_solver="auto", which picks "covariance_eigh" for these tall data sets, and svd_flip with
u_based_decision=False for the signs), it writes pca_reference.json beside this script: the mean, the
components, the explained variance and its ratio, and the projected coordinates (every row for iris, every
8th row for breast cancer, whose indices are listed). It also records n_components_ for
PCA(n_components=0.95) and PCA(n_components=2). The default solver agrees with svd_solver="full" to 6e-13
on these data sets, far inside the tests' 1e-8.
"""

import json
import pathlib

import numpy as np
import pandas as pd
import sklearn
from sklearn.decomposition import PCA
from sklearn.preprocessing import StandardScaler

here = pathlib.Path(__file__).resolve().parent
root = here.parents[2]


def case(file, target, step):
    frame = pd.read_csv(root / "notebooks" / "data" / file)
    x = StandardScaler().fit_transform(frame.drop(columns=[target]).to_numpy(dtype=float))
    pca = PCA().fit(x)
    full = PCA(svd_solver="full").fit(x)
    rows = list(range(0, len(x), step))
    return {
        "file": file,
        "target": target,
        "solver": pca._fit_svd_solver,
        "solver_gap": float(np.abs(pca.transform(x) - full.transform(x)).max()),
        "mean": pca.mean_.tolist(),
        "components": pca.components_.tolist(),
        "explained_variance": pca.explained_variance_.tolist(),
        "explained_variance_ratio": pca.explained_variance_ratio_.tolist(),
        "rows": rows,
        "coordinates": pca.transform(x)[rows].tolist(),
        "components_for_0.95": int(PCA(n_components=0.95).fit(x).n_components_),
        "ratio_for_2": PCA(n_components=2).fit(x).explained_variance_ratio_.tolist(),
    }


reference = {
    "command": "python3 Tests/MLLearnTests/Reference/pca_reference.py",
    "sklearn_version": sklearn.__version__,
    "cases": [case("iris.csv", "species", 1), case("breast_cancer.csv", "diagnosis", 8)],
}
lines = [f" {json.dumps(key)}: {json.dumps(value)}" for key, value in reference.items()]
(here / "pca_reference.json").write_text("{\n" + ",\n".join(lines) + "\n}\n")
for c in reference["cases"]:
    print(c["file"], c["solver"], c["solver_gap"], c["components_for_0.95"], c["explained_variance_ratio"][:3])
