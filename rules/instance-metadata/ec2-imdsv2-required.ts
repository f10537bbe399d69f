import { get, isIntrinsic, isMap, isScalar, Node, Scalar, stringValue } from '../../core/nodes';
import { Rule } from '../../core/rule';
import { Resource, Template } from '../../core/template';
import { referencedId, resolvePath } from '../../core/values';
import { runL2Checks } from '../../core/cdk/check';
import { ec2Imdsv2RequiredCdk } from './ec2-imdsv2-required.cdk';
import { checkProperty, oneOf, PropertyCheck } from '../lib/property-value';
import { Reporter } from '../lib/reporter';

const JUDGE = oneOf('required');
const REQUIRED = (v: Scalar): boolean => JUDGE(v) === 'ok';
const MISSING =
  "IMDSv1 is allowed: MetadataOptions.HttpTokens is not set, so instances may answer metadata requests without a session token. Set HttpTokens to 'required'.";
const bad = (v: unknown): string =>
  `IMDSv1 is allowed: HttpTokens is '${String(v)}'. Set it to 'required' so every metadata request needs a session token.`;

/** Compliant: every launch template, launch configuration and instance requires IMDSv2 (`HttpTokens: required`). */
export const ec2Imdsv2Required: Rule = {
  meta: {
    id: 'ec2-imdsv2-required',
    title: 'EC2 instances require IMDSv2',
    compliant: 'MetadataOptions.HttpTokens is `required` on every launch template, launch configuration and instance.',
    description:
      'With IMDSv1, any process or server-side request forgery on the instance can read the role credentials from the metadata service with one GET. ' +
      'IMDSv2 needs a session token obtained with a PUT, which SSRF and most open proxies cannot send.',
    category: 'instance-metadata',
    severity: 'error',
    profile: 'recommended',
    resourceTypes: ['AWS::EC2::LaunchTemplate', 'AWS::AutoScaling::LaunchConfiguration', 'AWS::EC2::Instance'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Configure the instance metadata options',
        url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html',
      },
      {
        title: 'AWS::EC2::LaunchTemplate MetadataOptions',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-launchtemplate-metadataoptions.html',
      },
    ],
    controls: ['EC2.8', 'AutoScaling.3'],
    equivalents: { guard: ['EC2_IMDSV2_CHECK'], checkov: ['CKV_AWS_79'], cdkNag: ['EC2IMDSv2Enabled'] },
    fix: "Sets MetadataOptions.HttpTokens to 'required', adding the MetadataOptions block when it is absent.",
    fixSafety: 'suggestion',
    profileWhy:
      'An Amazon Linux 2023 AMI (ImageId from its public SSM parameter) is registered with ImdsSupport v2.0, so its instances ' +
      'already require IMDSv2; only `strict` asks to write HttpTokens: required there.',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    const check = (r: Resource, path: string[], image: Node | undefined): PropertyCheck => ({
      path,
      judge: JUDGE,
      fixValue: 'required',
      fixTitle: 'Require IMDSv2 (HttpTokens: required)',
      missing: missingFor(t, r, image, MISSING),
      bad,
    });
    for (const r of t.byType.get('AWS::EC2::LaunchTemplate') ?? []) {
      const image = get(get(r.properties, 'LaunchTemplateData'), 'ImageId');
      checkProperty(t, rep, r, check(r, ['LaunchTemplateData', 'MetadataOptions', 'HttpTokens'], image));
    }
    for (const r of t.byType.get('AWS::AutoScaling::LaunchConfiguration') ?? []) {
      checkProperty(t, rep, r, check(r, ['MetadataOptions', 'HttpTokens'], get(r.properties, 'ImageId')));
    }
    for (const r of t.byType.get('AWS::EC2::Instance') ?? []) checkInstance(t, rep, r);
  },
  source(ctx) {
    runL2Checks(ctx, ec2Imdsv2RequiredCdk);
  },
};

/** An instance passes through its own MetadataOptions, or through a launch template that requires IMDSv2. */
function checkInstance(t: Template, rep: Reporter, r: Resource): void {
  const own = resolvePath(t, r.node, ['Properties', 'MetadataOptions', 'HttpTokens']);
  if (own.every((o) => o.kind === 'value' && REQUIRED(o.value))) return;
  if (own.some((o) => o.kind === 'unknown')) return;
  const lt = launchTemplateOf(t, r);
  if (lt === 'unknown') return;
  if (lt && launchTemplateRequires(t, lt)) return;
  const image = get(r.properties, 'ImageId') ?? (lt ? get(get(lt.properties, 'LaunchTemplateData'), 'ImageId') : undefined);
  checkProperty(t, rep, r, {
    path: ['MetadataOptions', 'HttpTokens'],
    judge: JUDGE,
    fixValue: 'required',
    fixTitle: 'Require IMDSv2 on the instance (MetadataOptions.HttpTokens: required)',
    missing: missingFor(
      t,
      r,
      image,
      lt
        ? `IMDSv1 is allowed: neither instance ${r.id} nor its launch template ${lt.id} requires IMDSv2. Set MetadataOptions.HttpTokens to 'required'.`
        : MISSING,
    ),
    bad,
  });
}

/**
 * AWS's public SSM parameters for Amazon Linux 2023 AMIs, plain and ECS-optimized. Those AMIs are registered
 * with ImdsSupport v2.0: an instance launched from one requires IMDSv2 unless the account default says otherwise.
 */
const AL2023_PARAMETER =
  /^(?:\{\{resolve:ssm:)?\/aws\/service\/(?:ami-amazon-linux-latest\/al2023-|ecs\/optimized-ami\/amazon-linux-2023\/)/;

/** True when every value the ImageId can take is an AL2023 public parameter (written, or a parameter's default). */
function imageIsAl2023(t: Template, image: Node | undefined): boolean {
  if (!image) return false;
  let node = image;
  const target = isIntrinsic(image, 'Ref') ? stringValue(image.arg) : undefined;
  if (target) {
    const param = t.parameters.get(target);
    if (!param?.default) return false;
    node = param.default;
  }
  const v = stringValue(node);
  return v !== undefined && AL2023_PARAMETER.test(v);
}

/** The missing-property message, demoted to a strict-profile note when the AMI already requires IMDSv2. */
function missingFor(t: Template, r: Resource, image: Node | undefined, message: string): PropertyCheck['missing'] {
  if (!imageIsAl2023(t, image)) return { message };
  return {
    message: `${r.id} launches an Amazon Linux 2023 AMI, which requires IMDSv2 by default (ImdsSupport v2.0), but an account-level IMDS default can still allow IMDSv1. Set MetadataOptions.HttpTokens to 'required' to make it explicit.`,
    severity: 'info',
    profile: 'strict',
  };
}

/** The template's launch template resource this instance uses, undefined for none, 'unknown' when it cannot be told. */
function launchTemplateOf(t: Template, r: Resource): Resource | undefined | 'unknown' {
  const spec = get(r.properties, 'LaunchTemplate');
  if (!spec) return undefined;
  if (!isMap(spec)) return 'unknown';
  const byId = referencedId(get(spec, 'LaunchTemplateId'));
  if (byId) return t.resourceById.get(byId) ?? 'unknown';
  const nameNode: Node | undefined = get(spec, 'LaunchTemplateName');
  const name = stringValue(nameNode);
  const byRef = referencedId(nameNode);
  if (byRef) return t.resourceById.get(byRef) ?? 'unknown';
  if (name) {
    const match = (t.byType.get('AWS::EC2::LaunchTemplate') ?? []).find((lt) => {
      const n = get(lt.properties, 'LaunchTemplateName');
      return isScalar(n) && n.value === name;
    });
    return match ?? 'unknown';
  }
  return 'unknown';
}

function launchTemplateRequires(t: Template, lt: Resource): boolean {
  const out = resolvePath(t, lt.node, ['Properties', 'LaunchTemplateData', 'MetadataOptions', 'HttpTokens']);
  return out.every((o) => (o.kind === 'value' && REQUIRED(o.value)) || o.kind === 'unknown');
}
