#!/usr/bin/env python3
"""Differential check of Parapet's parse errors against PyYAML (the YAML library cfn-lint's decoder builds on).

Reads the JSON report of `npm run realworld -- --json` and loads every file it calls unparsable, plus every
other template of the materialized set, with PyYAML (short-form tags such as !Ref accepted as intrinsics) or
the json module. Prints, per unparsable file, whether PyYAML accepts it (then Parapet's error is wrong),
rejects it only for a duplicate key (CloudFormation keeps the last value; cfn-lint reports E0000), or rejects
it outright; and lists files PyYAML rejects that Parapet parsed.

    npm run realworld -- --json > /tmp/realworld.json
    python3 bench/realworld/cfn-yaml-check.py /tmp/realworld.json

Needs PyYAML (Debian: python3-yaml). A dev-time aid for the parser, not a test.
"""
import json
import os
import sys

import yaml

ROOT = os.environ.get("PARAPET_REALWORLD") or os.path.expanduser("~/.cache/parapet/realworld")


class Duplicate(Exception):
    pass


class CfnLoader(yaml.SafeLoader):
    """SafeLoader that accepts CloudFormation's short-form tags and refuses duplicate keys."""


def _intrinsic(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return {suffix: loader.construct_scalar(node)}
    if isinstance(node, yaml.SequenceNode):
        return {suffix: loader.construct_sequence(node, deep=True)}
    return {suffix: loader.construct_mapping(node, deep=True)}


def _mapping(loader, node):
    loader.flatten_mapping(node)
    seen = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        key = key if isinstance(key, (str, int, float, bool)) or key is None else str(key)
        if key in seen:
            raise Duplicate(f"duplicate key {key!r} at line {key_node.start_mark.line + 1} (first at line {seen[key] + 1})")
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node, deep=True)


CfnLoader.add_multi_constructor("!", _intrinsic)
CfnLoader.add_constructor("tag:yaml.org,2002:map", _mapping)


def verdict(path):
    """'ok', 'duplicate: ...' or 'error: ...' for one file."""
    try:
        with open(path, encoding="utf-8-sig") as f:
            text = f.read()
        if path.endswith(".json"):
            json.loads(text)
        else:
            yaml.load(text, Loader=CfnLoader)
        return "ok"
    except Duplicate as e:
        return f"duplicate: {e}"
    except Exception as e:  # noqa: BLE001 - any loader failure is a verdict
        return "error: " + " ".join(str(e).split())[:300]


def main(report_path):
    with open(report_path) as f:
        report = json.load(f)
    unparsable = {u["file"]: u["errors"] for u in report.get("unparsable", [])}
    print(f"Unparsable per Parapet: {len(unparsable)}")
    for file_id, errors in sorted(unparsable.items()):
        v = verdict(os.path.join(ROOT, file_id))
        label = {"ok": "PyYAML ACCEPTS (wrong parse error)"}.get(v, v)
        print(f"  {file_id}\n      parapet: {'; '.join(errors)}\n      pyyaml:  {label}")
    laxer = []
    for source in sorted(os.listdir(ROOT)):
        base = os.path.join(ROOT, source)
        manifest = os.path.join(base, ".parapet-source.json")
        if not os.path.isfile(manifest):
            continue
        with open(manifest) as f:
            files = json.load(f)["files"]
        for rel in files:
            file_id = f"{source}/{rel}"
            if file_id in unparsable or not rel.endswith((".yaml", ".yml", ".json", ".template")):
                continue
            v = verdict(os.path.join(base, rel))
            if v != "ok":
                laxer.append((file_id, v))
    print(f"\nRejected by PyYAML but parsed by Parapet: {len(laxer)}")
    for file_id, v in laxer:
        print(f"  {file_id}: {v}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
