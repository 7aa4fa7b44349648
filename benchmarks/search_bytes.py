"""Bytes the search of a built site fetches in headless Chromium (benchmarks/scale.py's measurement).

    .venv/bin/python benchmarks/search_bytes.py SITE_DIR [QUERY]

First load: what the search fetches before its first results other than index chunks, facts of
results and fragments (the manifest); one query: those.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import browser_search, search_costs
site = Path(sys.argv[1]); query = sys.argv[2] if len(sys.argv) > 2 else "results of operations"
br = browser_search(site, query)
start, per_query = search_costs(br)
print(f"first load sent {start[1]/1e3:.1f} KB raw {start[0]/1e3:.1f} KB files {start[2]}")
print(f"one query  sent {per_query[1]/1e3:.1f} KB raw {per_query[0]/1e3:.1f} KB files {per_query[2]} results {br['results_shown']}")
print(f"filters    sent {br['filters']['sent']/1e3:.1f} KB files {br['filters']['files']}")
print(f"page       search assets sent {br['page']['search_sent']/1e3:.1f} KB; page total {br['page']['sent']/1e3:.1f} KB")
for ph in ("start", "query"):
    for f in br[ph]["list"]:
        if not any(part in f[0] for part in ("/index/", "/docs/", "/fragment/")):
            print("  ", ph, f)
