import { analysisOf, resourceFor, spanNode, spelled } from '../../core/cdk/check';
import { CdkConstruct, CdkObject, CdkValue } from '../../core/cdk/model';
import { propsOf, valueAt } from '../../core/cdk/site';
import { RuleContext } from '../../core/rule';
import { isSecretEnvName } from '../lib/secret-names';
import { isPlaceholder, isSecretStoreReference } from '../lib/secrets';

/** L2 constructs and the path of their environment map (name → value). */
const ENV_OF: Record<string, { path: string[]; what: string }> = {};
for (const fqn of [
  'aws-lambda.Function',
  'aws-lambda.DockerImageFunction',
  'aws-lambda.SingletonFunction',
  'aws-lambda-nodejs.NodejsFunction',
])
  ENV_OF[fqn] = { path: ['environment'], what: 'function' };
ENV_OF['aws-ecs.ContainerDefinition'] = { path: ['environment'], what: 'task definition' };
for (const kind of ['ApplicationLoadBalanced', 'NetworkLoadBalanced'])
  for (const launch of ['Fargate', 'Ec2'])
    ENV_OF[`aws-ecs-patterns.${kind}${launch}Service`] = { path: ['taskImageOptions', 'environment'], what: 'task definition' };
for (const launch of ['Fargate', 'Ec2']) {
  ENV_OF[`aws-ecs-patterns.QueueProcessing${launch}Service`] = { path: ['environment'], what: 'task definition' };
  ENV_OF[`aws-ecs-patterns.Scheduled${launch}Task`] = {
    path: [`scheduled${launch}TaskImageOptions`, 'environment'],
    what: 'task definition',
  };
}

/** A literal written where a secret goes: not a Secrets Manager reference, not a placeholder. */
function literalSecret(v: CdkValue): string | undefined {
  if (v.k !== 'lit' || v.v === null || typeof v.v === 'boolean') return undefined;
  const s = String(v.v);
  return isSecretStoreReference(s) || isPlaceholder(s) ? undefined : s;
}

function report(ctx: RuleContext, env: CdkValue | undefined, what: string, owner: CdkConstruct | undefined): void {
  const obj: CdkObject | undefined = propsOf(env);
  if (!obj) return;
  for (const e of obj.entries) reportOne(ctx, e.key, e.value, what, owner);
}

function reportOne(ctx: RuleContext, name: string, value: CdkValue, what: string, owner: CdkConstruct | undefined): void {
  const a = analysisOf(ctx.doc);
  const secret = isSecretEnvName(name) ? literalSecret(value) : undefined;
  if (!a || secret === undefined) return;
  ctx.report({
    node: spanNode(value.start, value.end),
    resource: resourceFor(a, owner),
    secrets: [secret],
    // Only the advice is spelled for the file's language: the variable's name stays as written.
    message: `Environment variable ${name} holds a secret written in the code; the ${what} configuration stores and shows it in plain text. ${spelled(a, 'Read it from Secrets Manager at run time (containers: secrets with ecs.Secret.fromSecretsManager).')}`,
  });
}

/** How environment-no-secrets reads CDK L2 constructs: literal secrets in Lambda and ECS environment maps. L1 `Cfn*` constructs reach the `template` hook. */
export function environmentNoSecretsCdk(ctx: RuleContext): void {
  const m = ctx.doc.cdk;
  if (!m) return;
  for (const c of m.constructs) {
    const spec = ENV_OF[c.call.fqn];
    if (!spec) continue;
    const env = valueAt(c.props, spec.path);
    if (typeof env === 'object') report(ctx, env.v, spec.what, c);
  }
  for (const mc of m.methodCalls) {
    if (mc.method === 'addContainer') {
      // `taskDefinition.addContainer(id, { environment })`
      const env = valueAt(m.lang === 'py' ? mc.kw : mc.args[1], ['environment']);
      if (typeof env === 'object') report(ctx, env.v, 'task definition', mc.target);
    } else if (mc.method === 'addEnvironment') {
      // `fn.addEnvironment('DB_PASSWORD', '…')`, `container.addEnvironment(…)`
      const [name, value] = mc.args;
      const what = mc.target?.call.fqn.startsWith('aws-ecs') ? 'task definition' : 'function';
      if (name?.k === 'lit' && typeof name.v === 'string' && value) reportOne(ctx, name.v, value, what, mc.target);
    }
  }
}
