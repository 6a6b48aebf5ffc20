"""scikit-learn reference numbers for the k-means and clustering-metric tests (KMeansTests).

Run from the repository root (scikit-learn 1.9.1, numpy 2.4, pandas 3.1):

    python3 Tests/MLLearnTests/Reference/kmeans_reference.py

It writes kmeans_reference.json beside this script:

- iris: StandardScaler on all 150 rows, then KMeans(n_clusters=3, n_init=10, random_state=42): inertia,
  iterations and the adjusted Rand index of the clusters against the species. With scikit-learn's default
  n_init ("auto", one k-means++ start) the result depends on the start: random_state=42 stops in a local
  optimum of inertia 191.02, while others reach 139.82; both are recorded ("single_start").
- ari: label pairs and scikit-learn's adjusted_rand_score for each.
- silhouette: small point sets with labels and scikit-learn's silhouette_score (Euclidean).
"""

import json
import pathlib

import numpy as np
import pandas as pd
import sklearn
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score, silhouette_score
from sklearn.preprocessing import StandardScaler

here = pathlib.Path(__file__).resolve().parent
root = here.parents[2]
frame = pd.read_csv(root / "notebooks" / "data" / "iris.csv")
species = frame["species"].to_numpy()
x = StandardScaler().fit_transform(frame.drop(columns=["species"]).to_numpy(dtype=float))
best = KMeans(n_clusters=3, n_init=10, random_state=42).fit(x)
single = [KMeans(n_clusters=3, random_state=seed).fit(x) for seed in range(20)]
iris = {
    "inertia": best.inertia_,
    "iterations": int(best.n_iter_),
    "ari": adjusted_rand_score(species, best.labels_),
    "cluster_sizes": sorted(int(c) for c in np.bincount(best.labels_)),
    "single_start_seed42_inertia": KMeans(n_clusters=3, random_state=42).fit(x).inertia_,
    "single_start_inertias_seeds_0_19": [m.inertia_ for m in single],
}

rng = np.random.default_rng(3)
ari_cases = []
for truth, predicted in [
    ([0, 0, 1, 1, 2, 2], [1, 1, 0, 0, 2, 2]),
    ([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]),
    ([0, 1, 2, 0, 1, 2, 0, 1], [0, 0, 0, 1, 1, 1, 2, 2]),
    ([0, 0, 0, 0], [1, 1, 1, 1]),
    (rng.integers(0, 3, 40).tolist(), rng.integers(0, 4, 40).tolist()),
]:
    ari_cases.append({"truth": truth, "predicted": predicted, "ari": adjusted_rand_score(truth, predicted)})

silhouette_cases = []
points = rng.normal(size=(14, 2)) + np.repeat([[0, 0], [3, 0], [0, 3]], [5, 5, 4], axis=0)
for labels in [
    np.repeat([0, 1, 2], [5, 5, 4]),
    rng.integers(0, 3, 14),
    np.array([0] * 13 + [1]),  # a cluster of one row scores 0
]:
    silhouette_cases.append(
        {"x": points.tolist(), "labels": labels.tolist(), "silhouette": silhouette_score(points, labels)}
    )

reference = {
    "command": "python3 Tests/MLLearnTests/Reference/kmeans_reference.py",
    "sklearn_version": sklearn.__version__,
    "iris": iris,
    "ari": ari_cases,
    "silhouette": silhouette_cases,
}
lines = [f" {json.dumps(key)}: {json.dumps(value)}" for key, value in reference.items()]
(here / "kmeans_reference.json").write_text("{\n" + ",\n".join(lines) + "\n}\n")
print(json.dumps(iris))
