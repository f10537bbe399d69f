import type { Language, Tree, TreeCursor } from 'web-tree-sitter';

/**
 * A plain JavaScript copy of a tree-sitter tree, made with one cursor walk. Reading web-tree-sitter
 * nodes crosses into WebAssembly and allocates on every property access, which cost ~100 ms per
 * 2,000-line file; the copy costs a few crossings per node, and then the analyzer reads JavaScript
 * objects. Simple statements are cached by their text between parses of the same document: their
 * nodes hold offsets relative to the statement, so a keystroke copies only the statement it
 * changed and moves the others by updating one base offset. Strings, comments and numbers are
 * copied as leaves: their text is all the analyzer needs.
 */

/** A statement's frame: the text its nodes read and the offset their relative offsets start from. */
interface Frame {
  text: string;
  base: number;
}

/** One node: the subset of web-tree-sitter's `Node` API the analyzer uses. */
export class PNode {
  children: PNode[] = [];
  parent: PNode | null = null;
  /** An ERROR or MISSING node at or below this one. */
  hasError = false;
  private named: PNode[] | undefined;

  constructor(
    private readonly frame: Frame,
    readonly type: string,
    readonly isNamed: boolean,
    public field: string | null,
    private readonly rs: number,
    private readonly re: number,
    readonly isMissing: boolean,
  ) {}

  get startIndex(): number {
    return this.frame.base + this.rs;
  }

  get endIndex(): number {
    return this.frame.base + this.re;
  }

  get text(): string {
    return this.frame.text.slice(this.frame.base + this.rs, this.frame.base + this.re);
  }

  get namedChildren(): PNode[] {
    this.named ??= this.children.filter((c) => c.isNamed);
    return this.named;
  }

  get firstNamedChild(): PNode | null {
    return this.namedChildren[0] ?? null;
  }

  get lastChild(): PNode | null {
    return this.children[this.children.length - 1] ?? null;
  }

  childForFieldName(field: string): PNode | null {
    for (const c of this.children) if (c.field === field) return c;
    return null;
  }

  /** Moves a cached statement to `start` in `text` (its whole subtree shares the frame). */
  moveTo(text: string, start: number): void {
    this.frame.text = text;
    this.frame.base = start;
  }
}

/** Node types copied without their children. */
const LEAVES = new Set(['string', 'comment', 'identifier', 'integer', 'float', 'true', 'false', 'none', 'escape_sequence']);
/** Statements with a body: walked into; every other `*_statement` is a cache unit. */
const COMPOUND = new Set(['if_statement', 'for_statement', 'while_statement', 'try_statement', 'with_statement', 'match_statement']);

/** Statement subtrees of the previous parse, by type and text. */
export type StatementCache = Map<string, PNode>;

/** Names of node types and fields by id, read once per language (each read is a WebAssembly call). */
const namesByLanguage = new WeakMap<Language, { types: string[]; named: boolean[]; fields: (string | null)[] }>();

function namesOf(language: Language): { types: string[]; named: boolean[]; fields: (string | null)[] } {
  let n = namesByLanguage.get(language);
  if (!n) {
    const types: string[] = [];
    const named: boolean[] = [];
    for (let i = 0; i < language.nodeTypeCount; i++) {
      types.push(language.nodeTypeForId(i) ?? 'ERROR');
      named.push(language.nodeTypeIsNamed(i));
    }
    const fields: (string | null)[] = [null];
    for (let i = 1; i <= language.fieldCount; i++) fields.push(language.fieldNameForId(i));
    n = { types, named, fields };
    namesByLanguage.set(language, n);
  }
  return n;
}

/**
 * Copies `tree` into plain nodes, reusing the statements of `previous` whose text is unchanged;
 * returns the root and the cache for the next parse. Nodes of the previous copy are moved, so a
 * previous copy must not be read after this call (the models built from it hold plain values only).
 */
export function copyTree(tree: Tree, text: string, previous: StatementCache | undefined): { root: PNode; cache: StatementCache } {
  const { types, named, fields } = namesOf(tree.language);
  const cache: StatementCache = new Map();
  const used = new Set<PNode>();
  const top: Frame = { text, base: 0 };
  const cursor: TreeCursor = tree.walk();
  try {
    const visit = (parent: PNode | null, frame: Frame): PNode => {
      const typeId = cursor.nodeTypeId;
      // ERROR nodes carry an id outside the language's symbol table.
      const type = types[typeId] ?? 'ERROR';
      const start = cursor.startIndex;
      const end = cursor.endIndex;
      const field = parent ? fields[cursor.currentFieldId] ?? null : null;
      const missing = start === end && cursor.nodeIsMissing;
      const cacheable = type.endsWith('_statement') && !COMPOUND.has(type);
      let key: string | undefined;
      if (cacheable) {
        key = `${type}\u0000${text.slice(start, end)}`;
        const hit = previous?.get(key);
        // The same statement written twice gets a fresh copy for its second place.
        if (hit && !used.has(hit)) {
          used.add(hit);
          hit.moveTo(text, start);
          hit.parent = parent;
          hit.field = field;
          cache.set(key, hit);
          return hit;
        }
        frame = { text, base: start };
      }
      const n = new PNode(frame, type, typeId < named.length ? named[typeId] : true, field, start - frame.base, end - frame.base, missing);
      n.parent = parent;
      n.hasError = missing || type === 'ERROR';
      if (!LEAVES.has(type) && cursor.gotoFirstChild()) {
        do {
          const c = visit(n, frame);
          n.children.push(c);
          if (c.hasError) n.hasError = true;
        } while (cursor.gotoNextSibling());
        cursor.gotoParent();
      }
      // Only error-free statements are reused: error recovery depends on more than the statement's text.
      if (key !== undefined && !n.hasError && !cache.has(key)) {
        cache.set(key, n);
        used.add(n);
      }
      return n;
    };
    return { root: visit(null, top), cache };
  } finally {
    cursor.delete();
  }
}
