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
 * Objects shared between records (a construct's call and props, an acknowledgement's list) move
 * once. The records belong to the newest model only: an older model of the document is dead once
 * the next parse has read its state (as its parse tree is).
 */
export function moveRecords(r: StatementRecords, at: (offset: number) => number): void {
  const moved = new Set<object>();
  const once = (o: object): boolean => !moved.has(o) && !!moved.add(o);
  const value = (v: CdkValue): void => {
    if (!once(v)) return;
    v.start = at(v.start);
    v.end = at(v.end);
    if (v.k === 'obj') object(v);
    else if (v.k === 'call') call(v);
    else if (v.k === 'arr') v.items.forEach(value);
  };
  const object = (o: CdkObject): void => {
    if (o.itemsStart !== undefined) o.itemsStart = at(o.itemsStart);
    if (o.itemsEnd !== undefined) o.itemsEnd = at(o.itemsEnd);
    for (const e of o.entries) {
      e.keyStart = at(e.keyStart);
      e.keyEnd = at(e.keyEnd);
      e.start = at(e.start);
      e.end = at(e.end);
      value(e.value);
    }
  };
  const call = (c: CdkCall): void => {
    c.calleeEnd = at(c.calleeEnd);
    c.closeParen = at(c.closeParen);
    c.args.forEach(value);
    if (c.kw) value(c.kw);
  };
  r.calls.forEach(value);
  for (const c of r.constructs) {
    value(c.call);
    if (c.props) value(c.props);
  }
  for (const m of r.methodCalls) {
    m.start = at(m.start);
    m.end = at(m.end);
    m.args.forEach(value);
    if (m.kw) value(m.kw);
  }
  for (const a of r.aspects) {
    a.start = at(a.start);
    a.end = at(a.end);
    value(a.aspect);
  }
  for (const a of r.acks) {
    a.start = at(a.start);
    a.end = at(a.end);
    if (a.list) value(a.list);
  }
}
