import type { ParsedDocument } from '../document';
import { pyStringValue } from '../cdk/py-analyzer';
import type { PNode } from '../cdk/py-tree';
import { ClassDecl, idPattern, lastName, Site } from './site';

/** The pieces of an f-string id (`f"{name}-stage"` → `['', '-stage']`), or undefined for other strings. */
function fStringParts(raw: string): string[] | undefined {
  const m = /^[rR]?[fF][rR]?("""|'''|"|')([\s\S]*)\1$/.exec(raw);
  if (!m) return undefined;
  return m[2].split(/\{[^{}]*\}/);
}

/** `X(scope, "id")`, `X(self, id="id")`, `X(scope=self, id="id")` and `construct_id=`: the id as a literal or a pattern. */
function idOf(call: PNode): { id?: string; pattern?: RegExp; scope: PNode } | undefined {
  const list = call.childForFieldName('arguments');
  if (!list || list.type !== 'argument_list') return undefined;
  const positional: PNode[] = [];
  const kw = new Map<string, PNode>();
  for (const c of list.namedChildren) {
    if (c.type === 'keyword_argument') {
      const name = c.childForFieldName('name')?.text;
      const value = c.childForFieldName('value');
      if (name && value) kw.set(name, value);
    } else if (c.type !== 'comment') positional.push(c);
  }
  const scope = positional[0] ?? kw.get('scope');
  const idNode = positional[0] ? (positional[1] ?? kw.get('id') ?? kw.get('construct_id')) : (kw.get('id') ?? kw.get('construct_id'));
  if (!scope || !idNode || (scope.type !== 'identifier' && scope.type !== 'attribute')) return undefined;
  if (idNode.type !== 'string' && idNode.type !== 'concatenated_string') return undefined;
  const id = pyStringValue(idNode.text);
  if (id !== undefined) return { id, scope };
  const parts = fStringParts(idNode.text);
  const pattern = parts && idPattern(parts);
  return pattern ? { pattern, scope } : undefined;
}

/** The name an instantiation is assigned to (`x = X(…)`, `self.x = X(…)`). */
function boundName(call: PNode): string | undefined {
  const p = call.parent;
  if (p?.type !== 'assignment' || p.childForFieldName('right') !== call) return undefined;
  return p.childForFieldName('left')?.text;
}

/** Every construct instantiation and class declaration of a Python source file, from the analyzer's tree copy. */
export function indexPySites(doc: ParsedDocument, root: unknown): { sites: Site[]; classes: ClassDecl[] } | undefined {
  const top = root as PNode | undefined;
  if (!top || !Array.isArray(top.children)) return undefined;
  const sites: Site[] = [];
  const classes: ClassDecl[] = [];
  const stack: { n: PNode; cls: string | undefined }[] = [{ n: top, cls: undefined }];
  while (stack.length) {
    const { n, cls } = stack.pop()!;
    let inClass = cls;
    if (n.type === 'class_definition') {
      const name = n.childForFieldName('name');
      if (name) {
        inClass = name.text;
        const colon = n.children.find((c) => c.type === ':');
        classes.push({ uri: doc.uri, name: inClass, start: n.startIndex, end: n.endIndex, headEnd: colon?.endIndex ?? name.endIndex });
      }
    } else if (n.type === 'call') {
      const fn = n.childForFieldName('function');
      const found = fn && (fn.type === 'identifier' || fn.type === 'attribute') && /^[A-Z]/.test(lastName(fn.text)) ? idOf(n) : undefined;
      if (fn && found) {
        sites.push({
          uri: doc.uri,
          id: found.id,
          pattern: found.pattern,
          cls: fn.text,
          start: n.startIndex,
          end: n.endIndex,
          calleeEnd: fn.endIndex,
          scope: found.scope.text,
          variable: boundName(n),
          inClass,
        });
      }
    }
    for (let i = n.children.length - 1; i >= 0; i--) stack.push({ n: n.children[i], cls: inClass });
  }
  sites.sort((a, b) => a.start - b.start);
  return { sites, classes };
}
