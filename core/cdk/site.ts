import { CdkCall, CdkConstruct, CdkMethodCall, CdkModel, CdkObject, CdkValue, asObject, entryOf, normKey } from './model';
import type { CdkProject } from './project';
import type { CdkTemplate } from './template';

/**
 * Where a rule's L2 table reads props (a site: a construct, a method call on one, a static call, or a
 * place a rule's table finds itself) and how props are read there.
 */

/** Per-document state the checks need, kept on the model. */
export interface CdkAnalysis {
  model: CdkModel;
  tpl: CdkTemplate;
  project: CdkProject;
}

/** One place props are read from: a construct, a method call on one, or a static call. */
export interface Site {
  /** The props a fix writes into (and that are read, unless `read` says otherwise). */
  props: CdkValue | undefined;
  /** The props as they apply, when defaults from elsewhere are merged in (API Gateway `defaultMethodOptions`). */
  read?: CdkValue;
  /** The call that takes `props` as argument `propsArg`, where a missing props argument is added. */
  call: CdkCall | undefined;
  propsArg: number;
  /** Positional arguments of the site's call (`addMethod('OPTIONS', …)`). */
  args?: CdkValue[];
  /** Where "missing" findings point. */
  anchor: { start: number; end: number };
  construct: CdkConstruct | undefined;
  /** The module of the construct, for `~` enums. */
  mod: string;
  complete: boolean;
  /** The variable the construct (or the method call's result) is bound to, for follow-up calls and references. */
  variable?: string;
  /** The method call that creates the site (`lb.addListener('Listener', …)`): findings name what it creates. */
  method?: CdkMethodCall;
}

/** `aws-s3` of `aws-s3.Bucket`. */
export function modOf(fqn: string): string {
  return fqn.slice(0, fqn.indexOf('.'));
}

/** The object form of props: an object literal, Python keywords, or a struct class built from one (`new s3.BlockPublicAccess({ … })`). */
export function propsOf(v: CdkValue | undefined): ReturnType<typeof asObject> {
  const o = asObject(v);
  if (o) return o;
  return v?.k === 'call' && v.isNew && v.args.length === 1 ? asObject(v.args[0]) : undefined;
}

/** Follows a camelCase path through objects. */
export function valueAt(props: CdkValue | undefined, path: string[]): { v: CdkValue } | 'absent' | 'unknown' {
  if (!props) return 'absent';
  let cur: CdkValue = props;
  for (const key of path) {
    const obj = propsOf(cur);
    if (!obj) return 'unknown';
    const e = entryOf(obj, key);
    if (!e) return obj.open ? 'unknown' : 'absent';
    cur = e.value;
  }
  return { v: cur };
}

/** The construct whose call contains an offset (for a block device inside an Instance's props). */
export function enclosing(m: CdkModel, offset: number): CdkConstruct | undefined {
  let best: CdkConstruct | undefined;
  for (const c of m.constructs) {
    if (c.call.start <= offset && offset < c.call.end && (!best || c.call.start >= best.call.start)) best = c;
  }
  return best;
}

/** A method call as a call a props argument can be added to (`items.addMethod('GET', integration)` → a third argument). */
export function callOf(mc: CdkMethodCall): CdkCall {
  return {
    k: 'call',
    fqn: '',
    isNew: false,
    args: mc.args,
    start: mc.start,
    end: mc.end,
    calleeEnd: mc.start,
    closeParen: mc.closeParen,
    complete: mc.complete,
  };
}

/**
 * Props as they apply when defaults come from elsewhere (an API's `defaultMethodOptions`, then each
 * resource's, then the method's own options): later layers win key by key. A layer the file does not
 * decide opens the result, so "missing" is unknown. For reading only; fixes write into a layer.
 */
export function mergedProps(layers: (CdkValue | undefined)[], at: { start: number; end: number }): CdkObject {
  const merged: CdkObject = { k: 'obj', entries: [], open: false, style: 'ts-object', start: at.start, end: at.end };
  for (const layer of layers) {
    if (!layer) continue;
    const o = propsOf(layer);
    if (!o) {
      merged.open = true;
      continue;
    }
    merged.open ||= o.open;
    for (const e of o.entries) {
      merged.entries = merged.entries.filter((x) => normKey(x.key) !== normKey(e.key));
      merged.entries.push(e);
    }
  }
  return merged;
}
