import { CdkModel } from './model';
import { moveRecords, StatementRecords } from './relocate';

/**
 * Statement memos: most of a keystroke's CDK model is replayed instead of evaluated. A statement
 * node that the incremental parser carried over from the previous parse (the TypeScript
 * compiler's `updateSourceFile` and py-tree.ts both keep the node objects of unchanged statements)
 * keeps the records it added to the model last time. They stand as long as the imports are the
 * same and every name the statement read through the file's constants is bound to the same node;
 * their offsets are then moved to where the statement and those bindings are now.
 */

/** A span of the current text. */
export interface Span {
  start: number;
  end: number;
}

/** A name a statement read, and its binding then: a node (with its span then), `null` (ambiguous) or unbound. */
type NameRead<N> = ({ node: N } & Span) | null | undefined;

/** A statement's share of the model, with what it depended on; offsets are those of the newest parse that used it. */
export interface StatementMemo<N> extends StatementRecords, Span {
  imports: string;
  reads: Map<string, NameRead<N>>;
}

/** The arrays an analyzer fills: a statement's records are appended to them. */
export type ModelSink = Pick<CdkModel, 'calls' | 'constructs' | 'methodCalls' | 'aspects'> & { acks: StatementRecords['acks'] };

/** A key for the imports a model resolved names through. */
export function importsKey(m: Pick<CdkModel, 'imports'>): string {
  return JSON.stringify([[...m.imports.ns], [...m.imports.named], m.imports.modules ?? '']);
}

/** The memos of one analysis run. */
export class StatementMemos<N extends object> {
  /** While a statement is being evaluated: the names it read. */
  private reads: Map<string, NameRead<N>> | undefined;

  /**
   * `memos` lives as long as the analyzer (statement nodes are its keys, so a document's memos go
   * with its tree); `spanOf` gives a node's span in the text of this run.
   */
  constructor(
    private readonly memos: WeakMap<N, StatementMemo<N>>,
    private readonly spanOf: (n: N) => Span,
  ) {}

  /** The analyzer's constants lookup: returns `bound`, noting the read while a statement is recorded. */
  read<B extends N>(name: string, bound: B | null | undefined): B | null | undefined {
    if (this.reads && !this.reads.has(name)) this.reads.set(name, bound ? { node: bound, ...this.spanOf(bound) } : bound);
    return bound;
  }

  /** Evaluates a statement with `evaluate` (which appends to `sink`) and keeps what it appended. */
  record(st: N, imports: string, sink: ModelSink, evaluate: () => void): void {
    const before = {
      calls: sink.calls.length,
      constructs: sink.constructs.length,
      methodCalls: sink.methodCalls.length,
      aspects: sink.aspects.length,
      acks: sink.acks.length,
    };
    const reads = new Map<string, NameRead<N>>();
    this.reads = reads;
    try {
      evaluate();
    } finally {
      this.reads = undefined;
    }
    const memo: StatementMemo<N> = {
      imports,
      reads,
      ...this.spanOf(st),
      calls: sink.calls.slice(before.calls),
      constructs: sink.constructs.slice(before.constructs),
      methodCalls: sink.methodCalls.slice(before.methodCalls),
      aspects: sink.aspects.slice(before.aspects),
      acks: sink.acks.slice(before.acks),
    };
    // Kept only when every offset lies in the statement or in what it read: a move could not place others.
    const spans: Span[] = [memo];
    for (const r of reads.values()) if (r) spans.push(r);
    let placed = true;
    moveRecords(memo, (offset) => {
      placed &&= spans.some((s) => s.start <= offset && offset <= s.end);
      return offset;
    });
    if (placed) this.memos.set(st, memo);
    else this.memos.delete(st);
  }

  /**
   * Appends a statement's kept records to `sink`, moved to the current text, when the imports and the
   * bindings of the names it read are the same as then (`consts` is the file's constants now).
   */
  replay(st: N, imports: string, consts: ReadonlyMap<string, N | null>, sink: ModelSink): boolean {
    const memo = this.memos.get(st);
    if (!memo || memo.imports !== imports) return false;
    const moves: { span: Span; delta: number }[] = [{ span: memo, delta: this.spanOf(st).start - memo.start }];
    for (const [name, was] of memo.reads) {
      const now = consts.get(name);
      if (!was) {
        if (now !== was) return false;
      } else {
        if (now !== was.node) return false;
        moves.push({ span: was, delta: this.spanOf(was.node).start - was.start });
      }
    }
    if (moves.some((m) => m.delta !== 0)) {
      const d = moves[0].delta;
      // Usually everything moved together (all of it before or after the edit): no span search.
      moveRecords(
        memo,
        moves.every((m) => m.delta === d)
          ? (offset) => offset + d
          : (offset) => {
              for (const m of moves) if (m.span.start <= offset && offset <= m.span.end) return offset + m.delta;
              return offset;
            },
      );
      for (const m of moves) {
        m.span.start += m.delta;
        m.span.end += m.delta;
      }
    }
    sink.calls.push(...memo.calls);
    sink.constructs.push(...memo.constructs);
    sink.methodCalls.push(...memo.methodCalls);
    sink.aspects.push(...memo.aspects);
    sink.acks.push(...memo.acks);
    return true;
  }
}
