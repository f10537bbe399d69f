import { isMap, Node } from '../../core/nodes';
import { Rule } from '../../core/rule';
import { checkProperty, oneOf } from '../lib/property-value';
import { items } from '../lib/read-nodes';
import { Reporter } from '../lib/reporter';
import { runL2Checks } from '../../core/cdk/check';
import { ecsEfsVolumeEncryptedInTransitCdk } from './ecs-efs-volume-encrypted-in-transit.cdk';

/** Compliant: every EFS volume of an ECS task definition sets `EFSVolumeConfiguration.TransitEncryption: ENABLED`. */
export const ecsEfsVolumeEncryptedInTransit: Rule = {
  meta: {
    id: 'ecs-efs-volume-encrypted-in-transit',
    title: 'ECS tasks mount EFS volumes over TLS',
    compliant: 'Every `Volumes[].EFSVolumeConfiguration` of an `AWS::ECS::TaskDefinition` has `TransitEncryption: ENABLED`.',
    description:
      'Without transit encryption, a task reads and writes its EFS file system over NFS in plain text, so file contents cross the VPC unencrypted. ' +
      '`TransitEncryption` defaults to DISABLED, and IAM authorization for EFS needs it enabled.',
    category: 'encryption-in-transit',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::ECS::TaskDefinition'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Specifying an Amazon EFS file system in your task definition',
        url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specify-efs-config.html',
      },
      {
        title: 'AWS::ECS::TaskDefinition EFSVolumeConfiguration',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ecs-taskdefinition-efsvolumeconfiguration.html',
      },
    ],
    equivalents: { checkov: ['CKV_AWS_97'] },
    fix: 'Sets `TransitEncryption: ENABLED` on the volume (a new task definition revision).',
    fixSafety: 'safe',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    for (const r of t.byType.get('AWS::ECS::TaskDefinition') ?? []) {
      // Property names are matched case-insensitively: ECS's own API spells them in camelCase and templates copied from it do too.
      for (const v of items(getCi(r.properties, 'Volumes'))) {
        const efs = getCi(v, 'EFSVolumeConfiguration');
        if (!efs || efs.kind !== 'map') continue;
        checkProperty(t, rep, r, {
          base: efs,
          missingAt: efs,
          path: [keyCi(efs, 'TransitEncryption')],
          judge: oneOf('ENABLED'),
          fixValue: 'ENABLED',
          fixTitle: 'Set TransitEncryption: ENABLED',
          missing: { message: 'The EFS volume is mounted without TLS: TransitEncryption defaults to DISABLED. Set it to ENABLED.' },
          bad: () => 'The EFS volume is mounted without TLS (TransitEncryption: DISABLED). Set it to ENABLED.',
        });
      }
    }
  },
  source(ctx) {
    runL2Checks(ctx, ecsEfsVolumeEncryptedInTransitCdk);
  },
};

/** The value under a key, whatever its case. */
function getCi(n: Node | undefined, key: string): Node | undefined {
  if (!isMap(n)) return undefined;
  const k = key.toLowerCase();
  return n.pairs.find((p) => String(p.key.value).toLowerCase() === k)?.value;
}

/** The key as the map spells it, or the canonical spelling when absent. */
function keyCi(n: Node, key: string): string {
  const k = key.toLowerCase();
  return (isMap(n) ? n.pairs.find((p) => String(p.key.value).toLowerCase() === k)?.key.value : undefined)?.toString() ?? key;
}
