"""A stand-in for the EMX2 pyclient's `Client.get(table, schema)` (molgenis-emx2-pyclient, written
from tools/pyclient/src/molgenis_emx2_pyclient/client.py, not that package): it replays the
requests `get` sends over one `requests.Session` and parses the CSV with pandas, then turns it
into records. Timed inside Python (time.perf_counter), after warm-up runs, so the interpreter's
start and the imports are not counted.

Two modes per run:
- cold: what a new `Client(url)` then `get(table, schema)` send — POST /api/graphql `_schemas`
  (the constructor; its `HEAD url` is left out), POST /{schema}/api/graphql `_schema` (the
  metadata `get` checks the table against, cached by `@cache` after the first call), then
  GET /{schema}/api/csv/{table};
- warm: a later `get` on the same client: only the CSV download (schemas and metadata cached).

The parse is `pandas.read_csv(io.BytesIO(content))` and `.to_dict('records')`. The real `get`
parses the body twice (once for the header, once with dtypes and parse_dates) and converts bool
columns, so it does more work than this stand-in: the stand-in is a lower bound of its time.

The warm-up runs (default 2) read WARMUP_TABLE (default TABLE): a small table warms the
interpreter, pandas and the connection without leaving the server the garbage of a large download.
In each run the warm read comes first, then the cold one.

Usage: python3 pyclient_get.py BASE_URL SCHEMA TABLE [RUNS] [WARMUP] [WARMUP_TABLE]
Prints one JSON object: {"rows": n, "columns": n, "bytes": n, "cold": [s, ...], "warm": [s, ...]}.
"""

import io
import json
import sys
import time

import pandas
import requests

# The pyclient's own queries (graphql_queries.py `list_schemas`, `list_schema_meta`), whitespace folded.
SCHEMAS = "{ _schemas { id name label description } }"
SCHEMA_META = (
    "{ _schema { id name label tables { name label description labels { locale value } id inheritName inheritId "
    "descriptions { locale value } columns { table name description labels { locale value } id "
    "descriptions { locale value } position columnType inherited key required defaultValue refSchemaId "
    "refSchemaName refTableName refTableId refLinkName refBackId refLabel validation visible readonly "
    "computed semantics } semantics tableType } } }"
)


def check(response: requests.Response) -> None:
    if response.status_code != 200:
        raise SystemExit(f"{response.request.method} {response.url}: HTTP {response.status_code} {response.text[:200]}")


def get(session: requests.Session, base: str, schema: str, table: str, cold: bool) -> tuple[list, int]:
    if cold:
        r = session.post(f"{base}/api/graphql", json={"query": SCHEMAS})
        check(r)
        if schema not in [s["name"] for s in r.json()["data"]["_schemas"]]:
            raise SystemExit(f"schema {schema!r} not found")
        r = session.post(f"{base}/{schema}/api/graphql", json={"query": SCHEMA_META})
        check(r)
        tables = r.json()["data"]["_schema"]["tables"]
        if table not in [t["name"] for t in tables]:
            raise SystemExit(f"table {table!r} not found")
    r = session.get(f"{base}/{schema}/api/csv/{table}")
    check(r)
    return pandas.read_csv(io.BytesIO(r.content)).to_dict("records"), len(r.content)


def main() -> None:
    base, schema, table = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    warmup = int(sys.argv[5]) if len(sys.argv) > 5 else 2
    warmup_table = sys.argv[6] if len(sys.argv) > 6 else table
    out = {"rows": 0, "columns": 0, "bytes": 0, "cold": [], "warm": []}
    with requests.Session() as session:
        session.headers = {"x-molgenis-token": None}  # as the pyclient sets it (requests drops a None header)
        for i in range(warmup + runs):
            for mode in ("warm", "cold"):
                t0 = time.perf_counter()
                records, size = get(session, base, schema, table if i >= warmup else warmup_table, cold=mode == "cold")
                seconds = time.perf_counter() - t0
                if i >= warmup:
                    out[mode].append(seconds)
        out["rows"] = len(records)
        out["columns"] = len(records[0]) if records else 0
        out["bytes"] = size
    print(json.dumps(out))


if __name__ == "__main__":
    main()
