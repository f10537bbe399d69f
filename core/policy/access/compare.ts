/**
 * Which baseline policy each new policy is compared with: the one at the same place (kind and
 * logical or construct id, and the inline policy's name), or, when the baseline is one standalone
 * policy, that policy for every new one (Access Analyzer's reference-policy use).
 */
import { PolicyDocument } from '../model';
import { checkNoNewAccess, NewAccess } from './no-new-access';

/** Policies that grant: SCPs and RCPs only restrict, so they have nothing to compare. */
export function granting(docs: readonly PolicyDocument[]): PolicyDocument[] {
  return docs.filter((d) => d.kind === 'identity' || d.kind === 'resource' || d.kind === 'trust');
}

/** The key a policy is matched by across versions: its kind and where it sits. */
export function policyKey(d: PolicyDocument): string {
  return `${d.kind}\u0000${d.where}`;
}

export interface PolicyPair {
  next: PolicyDocument;
  base: PolicyDocument | undefined;
}

/** Pairs each new policy with its baseline policy (or none). */
export function pairPolicies(next: readonly PolicyDocument[], base: readonly PolicyDocument[]): PolicyPair[] {
  const b = granting(base);
  const single = b.length === 1 && b[0].source === 'standalone' ? b[0] : undefined;
  const byKey = new Map(b.map((d) => [policyKey(d), d]));
  return granting(next).map((n) => ({ next: n, base: single ?? byKey.get(policyKey(n)) }));
}

/** Every new access of every new policy against the baseline's. */
export function compareAll(next: readonly PolicyDocument[], base: readonly PolicyDocument[]): NewAccess[] {
  return pairPolicies(next, base).flatMap((p) => checkNoNewAccess(p.next, p.base));
}
