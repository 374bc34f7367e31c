#!/usr/bin/env python3
"""Each island's download as `--split` built it: its own module plus the chunks the split
manifest lists for it, in bytes raw and gzip -9 (what a page with only that island loads
besides the main module, renkei.js and the split loader). Usage: island-sizes.py [PKG_DIR]."""
import gzip
import json
import pathlib
import sys

pkg = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target/site/pkg")
manifest = json.loads((pkg / "__wasm_split_manifest.json").read_text())


def sizes(paths):
    data = [p.read_bytes() for p in paths]
    return sum(map(len, data)), sum(len(gzip.compress(d, 9)) for d in data)


loader = next(pkg.glob("__wasm_split.*.js"))
print(f"{'file':<44} {'files':>5} {'raw':>9} {'gzip -9':>9}")
# The questionnaire form's own module (scripts/build-form.sh) stands beside Leptos'.
for name in ["renkei.wasm", "renkei.js", loader.name, "renkei.css", "form_bg.wasm", "form.js"]:
    raw, gz = sizes([pkg / name])
    print(f"{name[:44]:<44} {1:>5} {raw:>9} {gz:>9}")
for island, chunks in sorted(manifest.items()):
    own = pkg / f"split_{island}.wasm"
    if not own.exists():
        continue
    # The manifest lists the island's own module among its chunks.
    files = [own] + [pkg / f"{c}.wasm" for c in chunks if c != own.stem]
    raw, gz = sizes(files)
    _, own_gz = sizes([own])
    label = island.split("_loader")[0]
    print(f"{label + ' (own module ' + str(own_gz) + ' gzip)':<44} {len(files):>5} {raw:>9} {gz:>9}")
