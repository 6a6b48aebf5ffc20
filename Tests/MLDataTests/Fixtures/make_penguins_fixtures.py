"""Writes the penguins fixtures that the JSON and SQLite readers must load to the CSV's frame.

Run from the repository root:  python3 Tests/MLDataTests/Fixtures/make_penguins_fixtures.py

penguins.csv is palmerpenguins 0.1.6 (CC-0), copied from the shared datasets. The outputs are
made with Python's own csv, json and sqlite3 modules, independently of the Swift readers:
- penguins.json: records with typed values (int, float, str; null for an empty cell);
- penguins_strings.json: records with every value a string ("" for an empty cell), as many
  exporters write them;
- ../../MLDataSQLiteTests/Fixtures/penguins.sql: an SQL dump (sqlite3 iterdump) of two tables,
  `penguins` with INTEGER/REAL/TEXT columns and NULLs, and `penguins_text` with every column
  TEXT and '' for an empty cell, as the sqlite3 shell's `.import` makes it.
"""
import csv
import json
import os
import sqlite3

HERE = os.path.dirname(os.path.abspath(__file__))


def typed(cell):
    if cell == "":
        return None
    try:
        return int(cell)
    except ValueError:
        pass
    try:
        return float(cell)
    except ValueError:
        return cell


with open(os.path.join(HERE, "penguins.csv"), newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
header, body = rows[0], rows[1:]
typed_rows = [[typed(c) for c in row] for row in body]

with open(os.path.join(HERE, "penguins.json"), "w", encoding="utf-8") as f:
    # One record per line, so error positions in tests are easy to follow.
    records = [json.dumps(dict(zip(header, row)), allow_nan=False) for row in typed_rows]
    f.write("[\n" + ",\n".join(records) + "\n]\n")
with open(os.path.join(HERE, "penguins_strings.json"), "w", encoding="utf-8") as f:
    json.dump([dict(zip(header, row)) for row in body], f)
    f.write("\n")

db = sqlite3.connect(":memory:")
kinds = []
for j, name in enumerate(header):
    present = [r[j] for r in typed_rows if r[j] is not None]
    if all(isinstance(v, int) for v in present):
        kinds.append("INTEGER")
    elif all(isinstance(v, (int, float)) for v in present):
        kinds.append("REAL")
    else:
        kinds.append("TEXT")
columns = ", ".join(f'"{n}" {k}' for n, k in zip(header, kinds))
marks = ", ".join("?" for _ in header)
db.execute(f"CREATE TABLE penguins ({columns})")
db.executemany(f"INSERT INTO penguins VALUES ({marks})", typed_rows)
db.execute("CREATE TABLE penguins_text (" + ", ".join(f'"{n}" TEXT' for n in header) + ")")
db.executemany(f"INSERT INTO penguins_text VALUES ({marks})", body)
db.commit()
out = os.path.join(HERE, "..", "..", "MLDataSQLiteTests", "Fixtures", "penguins.sql")
with open(out, "w", encoding="utf-8") as f:
    for line in db.iterdump():
        f.write(line + "\n")
