import { JsonValue } from '../../core/nodes';
import { Fix, FixOp } from '../../core/rule';
import { Resource, Template } from '../../core/template';
import { freshId, setAt, Target } from './fix-target';

/** A statement letting a service principal use a key, for the services that encrypt on the caller's behalf. */
function serviceStatement(principal: JsonValue, actions: string[]): JsonValue {
  return { Sid: 'AllowServiceUse', Effect: 'Allow', Principal: { Service: principal }, Action: actions, Resource: '*' };
}

export interface NewKeyOptions {
  /** What the key protects, for its Description. */
  purpose: string;
  /** Service principal that must use the key itself (CloudTrail, CloudWatch Logs, SNS publishers). */
  service?: JsonValue;
  serviceActions?: string[];
}

/**
 * A new symmetric `AWS::KMS::Key` with rotation on and the account-root key policy (what AWS
 * writes when no policy is given, made explicit so reviewers see it), plus a service statement
 * where the service itself must use the key.
 */
export function newKmsKey(t: Template, owner: Resource, o: NewKeyOptions): { id: string; op: FixOp } {
  const id = freshId(t, `${owner.id}Key`);
  const statements: JsonValue[] = [
    {
      Sid: 'EnableAccountAdministration',
      Effect: 'Allow',
      Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } },
      Action: 'kms:*',
      Resource: '*',
    },
  ];
  if (o.service) statements.push(serviceStatement(o.service, o.serviceActions ?? ['kms:GenerateDataKey*', 'kms:Decrypt']));
  return {
    id,
    op: {
      op: 'addResource',
      id,
      value: {
        Type: 'AWS::KMS::Key',
        Properties: {
          Description: `Encrypts ${o.purpose}`,
          EnableKeyRotation: true,
          KeyPolicy: { Version: '2012-10-17', Statement: statements },
        },
      },
    },
  };
}

/** `!GetAtt Key.Arn` as a fix value. */
export const keyArn = (id: string): JsonValue => ({ 'Fn::GetAtt': [id, 'Arn'] });

/**
 * A fix that creates a customer managed key and writes a reference to it at `at` (a missing
 * path under a map, or a node to replace), with any sibling settings the property needs.
 */
export function keyFix(
  t: Template,
  r: Resource,
  at: Target | undefined,
  o: NewKeyOptions & {
    title?: string;
    value: (id: string) => JsonValue;
  },
): Fix[] {
  if (!at || (!at.node && !at.map)) return [];
  const key = newKmsKey(t, r, o);
  const ops: FixOp[] = [setAt(at, o.value(key.id)), key.op];
  // A new key's policy, and who may use it, are for the user to review: always a suggestion.
  return [{ title: o.title ?? `Encrypt with a new customer managed KMS key (adds ${key.id})`, ops, safety: 'suggestion' }];
}
