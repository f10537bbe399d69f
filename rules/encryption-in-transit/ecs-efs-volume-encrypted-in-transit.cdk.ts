import { sitesOf } from '../../core/cdk/check';
import { CdkValue, entryOf } from '../../core/cdk/model';
import { CdkAnalysis, Site, propsOf, valueAt } from '../../core/cdk/site';
import type { PropCheck } from '../../core/cdk/table';

const TASK_DEFINITIONS = ['Ec2TaskDefinition', 'FargateTaskDefinition', 'ExternalTaskDefinition', 'TaskDefinition'].map(
  (c) => `aws-ecs.${c}`,
);

/** The site of one volume's `efsVolumeConfiguration`, when the volume (an object the file writes) has one. */
function efsSite(volume: CdkValue, base: Site): Site | undefined {
  const entry = entryOf(propsOf(volume), 'efsVolumeConfiguration');
  if (!entry) return undefined;
  // An object literal or a struct class (Python `ecs.EfsVolumeConfiguration(…)`): the fix writes into it.
  return {
    ...base,
    props: entry.value,
    call: undefined,
    propsArg: 0,
    anchor: { start: entry.keyStart, end: entry.keyEnd },
    method: undefined,
  };
}

/** EFS volumes of task definitions: `volumes: [{ efsVolumeConfiguration }]` in the props, and `taskDef.addVolume({ … })`. */
function volumeSites(a: CdkAnalysis): Site[] {
  const out: Site[] = [];
  for (const s of sitesOf(a, { kind: 'construct', fqn: TASK_DEFINITIONS })) {
    const volumes = valueAt(s.props, ['volumes']);
    if (typeof volumes !== 'object' || volumes.v.k !== 'arr') continue;
    for (const v of volumes.v.items) {
      const site = efsSite(v, s);
      if (site) out.push(site);
    }
  }
  for (const s of sitesOf(a, { kind: 'method', on: TASK_DEFINITIONS, method: 'addVolume', propsArg: 0 })) {
    const site = s.props && efsSite(s.props, s);
    if (site) out.push(site);
  }
  return out;
}

/** How ecs-efs-volume-encrypted-in-transit reads CDK L2 constructs (core/cdk/check.ts evaluates it); L1 `Cfn*` constructs reach the `template` hook. */
export const ecsEfsVolumeEncryptedInTransitCdk: PropCheck[] = [
  {
    target: { kind: 'custom', sites: volumeSites },
    anyOf: [{ path: ['transitEncryption'], good: [{ lit: ['ENABLED'] }], bad: [{ lit: ['DISABLED'] }] }],
    missing: 'The EFS volume is mounted without TLS: transitEncryption defaults to DISABLED. Set it to ENABLED.',
    bad: 'The EFS volume is mounted without TLS ({value}). Set transitEncryption to ENABLED.',
    fix: [{ title: 'Mount the volume over TLS (transitEncryption ENABLED)', set: [{ path: ['transitEncryption'], value: 'ENABLED' }] }],
  },
];
