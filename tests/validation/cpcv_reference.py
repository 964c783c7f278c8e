"""skfolio reference of tests/validation/cpcv_test.ts, written to cpcv_reference.json.

Run with skfolio 1.12.2 (pip install skfolio==1.12.2 in a scratch venv):
    python tests/validation/cpcv_reference.py > tests/validation/cpcv_reference.json

Cases: n observations (one per date), CombinatorialPurgedCV(n_folds, n_test_folds,
purged_size, embargo_size); for each: n_splits, n_test_paths, the test folds and path ids of
every split, and its train and test indices.
"""
import json

import numpy as np
import skfolio
from skfolio.model_selection import CombinatorialPurgedCV

CASES = [
    {"n": 100, "n_folds": 6, "n_test_folds": 2, "purged_size": 4, "embargo_size": 2},
    {"n": 103, "n_folds": 5, "n_test_folds": 3, "purged_size": 0, "embargo_size": 0},
    {"n": 60, "n_folds": 4, "n_test_folds": 2, "purged_size": 2, "embargo_size": 1},
]

out = {"skfolio": skfolio.__version__, "cases": []}
for case in CASES:
    cv = CombinatorialPurgedCV(
        n_folds=case["n_folds"],
        n_test_folds=case["n_test_folds"],
        purged_size=case["purged_size"],
        embargo_size=case["embargo_size"],
    )
    X = np.zeros((case["n"], 1))
    splits = [
        {"train": train.tolist(), "test": [t.tolist() for t in test]}
        for train, test in cv.split(X)
    ]
    out["cases"].append({
        **case,
        "n_splits": cv.n_splits,
        "n_test_paths": cv.n_test_paths,
        "test_folds": cv.test_set_index.tolist(),
        "path_ids": cv.get_path_ids().tolist(),
        "splits": splits,
    })
print(json.dumps(out))
