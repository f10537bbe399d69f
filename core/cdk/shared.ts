import { isRealReason } from '../suppress';
import { CdkModel, CdkValue, NagAck, asObject, entryOf } from './model';

/** `PolicyStatement` methods that add to a statement after construction, and the element each one extends. */
export const STATEMENT_MUTATORS: ReadonlyMap<
  string,
  'Action' | 'NotAction' | 'Resource' | 'NotResource' | 'Principal' | 'NotPrincipal' | 'Condition'
> = new Map([
  ['addActions', 'Action'],
  ['addNotActions', 'NotAction'],
  ['addResources', 'Resource'],
  ['addAllResources', 'Resource'],
  ['addNotResources', 'NotResource'],
  ['addPrincipals', 'Principal'],
  ['addAnyPrincipal', 'Principal'],
  ['addArnPrincipal', 'Principal'],
  ['addAwsAccountPrincipal', 'Principal'],
  ['addServicePrincipal', 'Principal'],
  ['addFederatedPrincipal', 'Principal'],
  ['addAccountRootPrincipal', 'Principal'],
  ['addCanonicalUserPrincipal', 'Principal'],
  ['addNotPrincipals', 'NotPrincipal'],
  ['addCondition', 'Condition'],
  ['addConditions', 'Condition'],
  ['addAccountCondition', 'Condition'],
  ['addSourceAccountCondition', 'Condition'],
  ['addSourceArnCondition', 'Condition'],
]);

/** Method calls on construct variables that checks read (camelCase). */
export const METHODS_OF_INTEREST = new Set([
  'addListener',
  'addToResourcePolicy',
  'addToPolicy',
  'addToPrincipalPolicy',
  'addBehavior',
  'addStatements',
  'addManagedPolicy',
  'addRedirect',
  'addTargets',
  // Security-group ingress (template.ts writes AWS::EC2::SecurityGroupIngress), listener default actions, domain access policies.
  'addIngressRule',
  'allowFrom',
  'allowFromAnyIpv4',
  'addAction',
  'addAccessPolicies',
  // VPC endpoints created on a VPC: their `addToPolicy` statements are endpoint policies (template.ts).
  'addGatewayEndpoint',
  'addInterfaceEndpoint',
  // A PolicyStatement completed after construction: its elements are not only what its props say (template.ts).
  ...STATEMENT_MUTATORS.keys(),
]);

function litString(v: CdkValue | undefined): string | undefined {
  return v?.k === 'lit' && typeof v.v === 'string' ? v.v : undefined;
}

/** Reads `[{ id, reason }]` lists of cdk-nag acknowledgements. */
export function collectAcks(raw: RawAck[], selfNames = ['this', 'self']): NagAck[] {
  const out: NagAck[] = [];
  for (const r of raw) {
    if (r.list?.k !== 'arr') continue;
    const target = r.target;
    const stackWide = r.stackWide || (target !== undefined && selfNames.includes(target));
    for (const item of r.list.items) {
      const o = asObject(item);
      const id = litString(entryOf(o, 'id')?.value);
      const reason = litString(entryOf(o, 'reason')?.value);
      if (!id || !reason || !isRealReason(reason)) continue;
      // v3 ids may name one finding: `AwsSolutions-IAM5[Action::s3:*]`.
      out.push({ target, stackWide, id: id.replace(/\[.*$/, ''), reason, start: r.start, end: r.end });
    }
  }
  return out;
}

/** An acknowledgement call as read: the construct variable it names and its `[{ id, reason }]` list. */
export interface RawAck {
  target: string | undefined;
  stackWide: boolean;
  list: CdkValue | undefined;
  start: number;
  end: number;
}

/** Gives constructs unique logical ids and binds method calls to the constructs of their receivers. */
export function finishModel(m: CdkModel): CdkModel {
  const used = new Map<string, number>();
  const byVar = new Map<string, CdkModel['constructs'][number]>();
  for (const c of m.constructs) {
    const base = (c.id ?? c.variable ?? c.call.fqn.split('.').pop() ?? 'Construct').replace(/[^A-Za-z0-9]/g, '') || 'Construct';
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    c.logicalId = n === 1 ? base : `${base}${n}`;
    if (c.variable) {
      byVar.set(c.variable, c);
      // `this.bucket` and `self.bucket` are the same binding seen from methods.
      if (c.variable.startsWith('self.')) byVar.set(`this.${c.variable.slice(5)}`, c);
    }
  }
  for (const mc of m.methodCalls) mc.target = byVar.get(mc.receiver) ?? byVar.get(mc.receiver.replace(/^self\./, 'this.'));
  return m;
}
