"""Reads YAML files as cfn-lint's decoder does (PyYAML's SafeLoader, CloudFormation's short tags) and prints,
one JSON line per file, a typed tree of what it read, or the error. test/core/yaml-pyyaml.test.ts compares it
with Parapet's parse. Dates and timestamps stay the text written, and plain mapping keys the text written (last one
wins), as CloudFormation reads them.

Usage: python3 pyyaml-reference.py FILE...   (or file names on stdin, one a line, with no arguments)
       python3 pyyaml-reference.py --write FILE...   writes FILE's reading beside it, as FILE.pyyaml.json
"""
import os
import json
import math
import sys

import yaml


_TYPED_KEYS = {'tag:yaml.org,2002:' + t for t in ('bool', 'int', 'float', 'null', 'timestamp')}


class Loader(yaml.SafeLoader):
    def construct_mapping(self, node, deep=False):
        """As CloudFormation reads a mapping: a plain key is the text written (`Off:` is "Off", where PyYAML alone
        reads False), and a repeated key keeps the last value, at the later key's place."""
        self.flatten_mapping(node)
        mapping = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.style is None and key_node.tag in _TYPED_KEYS:
                key = key_node.value
            else:
                key = self.construct_object(key_node, deep=deep)
            mapping.pop(key, None)
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping


def _timestamp(loader, node):
    return loader.construct_scalar(node)


def _tag(loader, suffix, node):
    name = suffix if suffix in ('Ref', 'Condition') else 'Fn::' + suffix
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return {'!tag': name, 'arg': value}


Loader.add_constructor('tag:yaml.org,2002:timestamp', _timestamp)
Loader.add_multi_constructor('!', _tag)


def typed(v):
    """The value, typed: ['s', text], ['n', number as text], ['b', bool], ['z'] for null, ['seq', items],
    ['map', [key, value] pairs], ['tag', name, value] for a short-form intrinsic."""
    if isinstance(v, dict):
        if '!tag' in v and 'arg' in v and len(v) == 2:
            return ['tag', v['!tag'], typed(v['arg'])]
        return ['map', [[typed(k), typed(x)] for k, x in v.items()]]
    if isinstance(v, list):
        return ['seq', [typed(x) for x in v]]
    if v is None:
        return ['z']
    if isinstance(v, bool):
        return ['b', v]
    if isinstance(v, (int, float)):
        return ['n', number(v)]
    return ['s', str(v)]


def number(v):
    f = float(v)
    if math.isnan(f):
        return 'NaN'
    if math.isinf(f):
        return 'Infinity' if f > 0 else '-Infinity'
    return repr(f)


def read(name):
    try:
        with open(name, encoding='utf-8', newline='') as f:
            text = f.read()
        return {'file': name, 'value': typed(yaml.load(text, Loader=Loader))}
    except Exception as e:  # any failure is the answer for this file
        return {'file': name, 'error': str(e).splitlines()[0] if str(e) else type(e).__name__}


def main():
    args = sys.argv[1:]
    write = bool(args) and args[0] == '--write'
    names = (args[1:] if write else args) or [line.rstrip('\n') for line in sys.stdin if line.strip()]
    for name in names:
        result = read(name)
        if write:
            result['file'] = os.path.basename(name)
            with open(name + '.pyyaml.json', 'w', encoding='utf-8') as f:
                f.write(json.dumps(result, indent=1) + '\n')
        else:
            print(json.dumps(result))


if __name__ == '__main__':
    main()
