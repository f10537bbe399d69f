import type { ParsedDocument } from '../document';
import type { Report } from '../rule';
import { analysisOf } from './check';
import { cfnPropertyNames, cfnTypeOf, l1PropOf, snakeOf } from './names';

/**
 * A CloudFormation rule speaks of `BucketEncryption`; on a `CfnBucket` in CDK source the user writes
 * `bucketEncryption` (Python `bucket_encryption`). Every report the CloudFormation engine makes on an L1 construct
 * goes through `l1Voice`, which rewrites the property names of that resource type in its message and fix titles.
 */

/**
 * A word that may be a CloudFormation property name (not part of `AWS::S3::Bucket`, `aws:SecureTransport` or
 * `Fn::GetAtt`), with the value after it when it is written `Name: value`.
 */
const WORD = /(?<![\w:$-])([A-Z][A-Za-z0-9]*)(?![\w$-]|::)(?:: (true|false|(?:'[^']*'|"[^"]*"|[\w.-]*\w)(?=$|[).,;]| \()))?/g;

/** `Secrets Manager`, `Logs Insights`: a capitalised word after it that is no property name. */
function inProperNoun(text: string, end: number, names: ReadonlySet<string>): boolean {
  const next = /^ ([A-Z][a-z][A-Za-z0-9]*)\b/.exec(text.slice(end, end + 40));
  return next !== null && !names.has(next[1]);
}

/** A value as a Python keyword argument takes it: `True`, a quoted string, a number. */
function pyValue(v: string): string {
  if (v === 'true' || v === 'false') return v === 'true' ? 'True' : 'False';
  return /^['"]|^-?\d+(\.\d+)?$/.test(v) ? v : `"${v}"`;
}

/** A one-word name opening a sentence is the verb or noun it also is (`Name a key…`, `Logging is…` stays a name). */
function opensSentence(text: string, at: number, word: string): boolean {
  if (/[A-Z]/.test(word.slice(1))) return false;
  const before = text.slice(0, at);
  return (before === '' || /[.!?:]\s+$/.test(before)) && !text.startsWith(' is ', at + word.length);
}

/** The report in the CDK names of its L1 construct; other reports (L2 tables, templates, other documents) as they are. */
export function l1Voice(doc: ParsedDocument, r: Report): Report {
  const res = r.resource;
  if (!res || (doc.kind !== 'cdk-ts' && doc.kind !== 'cdk-py')) return r;
  const src = analysisOf(doc)?.tpl.maps.get(res.node);
  if (src?.kind !== 'resource' || cfnTypeOf(src.construct.call.fqn) !== res.type) return r;
  const names = cfnPropertyNames(res.type);
  if (!names) return r;
  const py = doc.kind === 'cdk-py';
  // The construct id is the finding's subject: a construct named `Encrypted` keeps its name.
  const keep = new Set([res.id, src.construct.name]);
  const say = (text: string): string =>
    text.replace(WORD, (all: string, w: string, value: string | undefined, at: number) => {
      if (!names.has(w) || keep.has(w) || opensSentence(text, at, w) || inProperNoun(text, at + w.length, names)) return all;
      const camel = l1PropOf(w, res.type);
      if (!py) return camel + (value === undefined ? '' : `: ${value}`);
      return snakeOf(camel) + (value === undefined ? '' : `=${pyValue(value)}`);
    });
  const fix = r.fix === undefined ? undefined : (Array.isArray(r.fix) ? r.fix : [r.fix]).map((f) => ({ ...f, title: say(f.title) }));
  const related = r.related?.map((x) => ({ ...x, message: say(x.message) }));
  return { ...r, message: say(r.message), fix, related };
}
