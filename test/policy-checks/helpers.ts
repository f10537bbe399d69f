import { parseDocument } from '../../core/document';
import { compareAll } from '../../core/policy/access/compare';
import { NewAccess } from '../../core/policy/access/no-new-access';
import { policiesOf } from '../../core/policy/model';

/** A statement as written in a policy. */
export type St = Record<string, unknown>;

/** A standalone policy's text. */
export function policy(...statements: St[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
}

/** The documents of a text parsed as a file of that name. */
export function docsOf(name: string, text: string) {
  return policiesOf(parseDocument(`file:///work/${name}`, 1, text));
}

/** CheckNoNewAccess of `next` against `base` (both standalone policies or both templates). */
export function newAccess(base: string, next: string, name = 'p.json'): NewAccess[] {
  return compareAll(docsOf(name, next), docsOf(name, base));
}
