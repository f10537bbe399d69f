import * as Y from 'yaml';
import { INTRINSICS, Scalar, ScalarNode } from '../nodes';
import { resolvePlain } from './yaml-scalar';

/**
 * The `yaml` package's tag setup (the one place): CloudFormation's short tags,
 * declared so `yaml` resolves them quietly (left unknown, each one costs an "Unresolved tag" warning
 * object with a stack trace, about a tenth of the parse time; the values are the scalar's string, the
 * sequence or the mapping itself), and plain scalars typed as CloudFormation types them
 * (core/parse/yaml-scalar.ts) instead of by `yaml`'s YAML 1.1 schema.
 */
const CFN_TAGS: Y.Tags = INTRINSICS.flatMap((name) => {
  const tag = `!${name.replace(/^Fn::/, '')}`;
  return [
    { tag, resolve: (s: string) => s },
    { tag, collection: 'seq' as const, resolve: (c: unknown) => c },
    { tag, collection: 'map' as const, resolve: (c: unknown) => c },
  ] as Y.Tags;
});

/** `!Ref`, `!Sub`, …: the tags the paths accept. */
export const SHORT_TAGS: ReadonlySet<string> = new Set(INTRINSICS.map((name) => `!${name.replace(/^Fn::/, '')}`));

/**
 * First in the list, so every untagged plain scalar resolves here (yaml takes the first default tag whose
 * test matches). Explicit `!!int` and the like still find yaml's own tags by name.
 */
const CFN_PLAIN: Y.ScalarTag = {
  tag: 'tag:parapet,2025:cfn-plain',
  default: true,
  test: /(?:)/,
  resolve: (s: string) => resolvePlain(s),
};

/** Options for `yaml`'s parse functions: YAML 1.1 as CloudFormation reads it. */
export const YAML_OPTIONS: Y.ParseOptions & Y.DocumentOptions & Y.SchemaOptions = {
  version: '1.1',
  // Duplicate keys are read last-wins with a warning (core/parse/tree.ts keepLastPairs), as CloudFormation reads them.
  uniqueKeys: false,
  prettyErrors: false,
  strict: false,
  customTags: (tags) => [CFN_PLAIN, ...tags, ...CFN_TAGS],
};

/** A `yaml` scalar's value as a tree value: dates (from an explicit `!!timestamp`) become their ISO text. */
export function scalarOf(v: unknown): Scalar {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

/** How a `yaml` scalar was written. */
export function styleOf(t: Y.Scalar.Type | null | undefined): ScalarNode['style'] {
  switch (t) {
    case 'QUOTE_SINGLE':
      return 'single';
    case 'QUOTE_DOUBLE':
      return 'double';
    case 'BLOCK_FOLDED':
    case 'BLOCK_LITERAL':
      return 'block';
    default:
      return 'plain';
  }
}
