import { CdkAspect, CdkCall, CdkConstruct, CdkMethodCall, CdkObject, CdkValue } from './model';
import { RawAck } from './shared';

/** The model records one statement contributed. */
export interface StatementRecords {
  calls: CdkCall[];
  constructs: CdkConstruct[];
  methodCalls: CdkMethodCall[];
  aspects: CdkAspect[];
  acks: RawAck[];
}

/**
 * Passes every offset in a statement's model records through `at`, in place: how a statement's
 * model, built at one parse, serves a later parse where the statement (and what it read) moved.
 * The records belong to the newest model only: an older model of the document is dead once the
 * next parse has read its state (as its parse tree is).
 *
 * Objects are shared between records in one way only, which this relies on (the keystroke test
 * compares every step with a full parse): a construct's call is one of the statement's calls and
 * its props are inside that call, and an acknowledgement's list may be an argument of its call.
 */
export function moveRecords(r: StatementRecords, at: (offset: number) => number): void {
  const m = new Mover(at);
  for (const c of r.calls) m.value(c);
  for (const c of r.constructs) {
    if (r.calls.includes(c.call)) continue;
    m.value(c.call);
    if (c.props) m.value(c.props);
  }
  for (const mc of r.methodCalls) {
    mc.start = at(mc.start);
    mc.end = at(mc.end);
    mc.closeParen = at(mc.closeParen);
    if (mc.receiverCall !== undefined) mc.receiverCall = at(mc.receiverCall);
    for (const a of mc.args) m.value(a);
    if (mc.kw) m.value(mc.kw);
  }
  for (const a of r.aspects) {
    a.start = at(a.start);
    a.end = at(a.end);
    m.value(a.aspect);
  }
  for (const a of r.acks) {
    a.start = at(a.start);
    a.end = at(a.end);
    if (a.list && !r.calls.some((c) => c.args.includes(a.list!) || c.kw?.entries.some((e) => e.value === a.list))) m.value(a.list);
  }
}

class Mover {
  constructor(private readonly at: (offset: number) => number) {}

  value(v: CdkValue): void {
    v.start = this.at(v.start);
    v.end = this.at(v.end);
    if (v.k === 'obj') this.object(v);
    else if (v.k === 'call') this.call(v);
    else if (v.k === 'arr') for (const i of v.items) this.value(i);
  }

  private object(o: CdkObject): void {
    if (o.itemsStart !== undefined) o.itemsStart = this.at(o.itemsStart);
    if (o.itemsEnd !== undefined) o.itemsEnd = this.at(o.itemsEnd);
    for (const e of o.entries) {
      e.keyStart = this.at(e.keyStart);
      e.keyEnd = this.at(e.keyEnd);
      e.start = this.at(e.start);
      e.end = this.at(e.end);
      this.value(e.value);
    }
  }

  private call(c: CdkCall): void {
    c.calleeEnd = this.at(c.calleeEnd);
    c.closeParen = this.at(c.closeParen);
    for (const a of c.args) this.value(a);
    if (c.kw) this.value(c.kw);
  }
}
