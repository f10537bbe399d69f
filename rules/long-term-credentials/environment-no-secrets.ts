import { get, isMap, Node, stringValue } from '../../core/nodes';
import { Fix, Rule, RuleContext } from '../../core/rule';
import { Resource, Template } from '../../core/template';
import { mapsAt, nodesAt } from '../lib/paths';
import { isSecretEnvName } from '../lib/secret-names';
import { hardenParameterFix, noEchoParameterFix, parameterNameFor, secretsManagerFix, secretSources } from '../lib/secrets';
import { environmentNoSecretsCdk } from './environment-no-secrets.cdk';

/** One environment variable (or SSM parameter) whose name says it holds a secret. */
export interface SecretEnvEntry {
  name: string;
  value: Node;
  resource: Resource | undefined;
  where: string;
}

function fromMap(map: Node | undefined, resource: Resource | undefined, where: string, out: SecretEnvEntry[]): void {
  if (!isMap(map)) return;
  for (const p of map.pairs) {
    const name = String(p.key.value);
    if (p.value && isSecretEnvName(name)) out.push({ name, value: p.value, resource, where });
  }
}

function fromList(
  items: Node[],
  resource: Resource | undefined,
  where: string,
  out: SecretEnvEntry[],
  nameKey = 'Name',
  valueKey = 'Value',
): void {
  for (const item of items) {
    if (!isMap(item)) continue;
    const name = stringValue(get(item, nameKey));
    const value = get(item, valueKey);
    if (name && value && isSecretEnvName(name)) out.push({ name, value, resource, where });
  }
}

/** Every environment-like variable with a secret name in the template, with the resource it belongs to. */
export function secretEnvEntries(t: Template): SecretEnvEntry[] {
  const out: SecretEnvEntry[] = [];
  for (const type of ['AWS::Lambda::Function', 'AWS::Serverless::Function']) {
    for (const r of t.byType.get(type) ?? []) {
      for (const m of mapsAt(r.properties, ['Environment', 'Variables'])) fromMap(m, r, 'environment variable', out);
    }
  }
  // SAM Globals apply to every function of the template.
  for (const m of mapsAt(t.root, ['Globals', 'Function', 'Environment', 'Variables']))
    fromMap(m, undefined, 'SAM Globals environment variable', out);
  for (const r of t.byType.get('AWS::ECS::TaskDefinition') ?? []) {
    fromList(nodesAt(r.properties, ['ContainerDefinitions', '*', 'Environment', '*']), r, 'container environment variable', out);
  }
  for (const r of t.byType.get('AWS::Batch::JobDefinition') ?? []) {
    fromList(nodesAt(r.properties, ['ContainerProperties', 'Environment', '*']), r, 'container environment variable', out);
  }
  for (const r of t.byType.get('AWS::CodeBuild::Project') ?? []) {
    const plain = nodesAt(r.properties, ['Environment', 'EnvironmentVariables', '*']).filter((v) => {
      const type = stringValue(get(v, 'Type'));
      // PARAMETER_STORE and SECRETS_MANAGER values are names of secrets, not secrets.
      return type === undefined || type.toUpperCase() === 'PLAINTEXT';
    });
    fromList(plain, r, 'PLAINTEXT build environment variable', out);
  }
  for (const r of t.byType.get('AWS::AppRunner::Service') ?? []) {
    for (const path of [
      ['SourceConfiguration', 'ImageRepository', 'ImageConfiguration', 'RuntimeEnvironmentVariables', '*'],
      ['SourceConfiguration', 'CodeRepository', 'CodeConfiguration', 'CodeConfigurationValues', 'RuntimeEnvironmentVariables', '*'],
    ]) {
      fromList(nodesAt(r.properties, path), r, 'runtime environment variable', out);
    }
  }
  for (const r of t.byType.get('AWS::ElasticBeanstalk::Environment') ?? []) {
    const env = nodesAt(r.properties, ['OptionSettings', '*']).filter(
      (o) => stringValue(get(o, 'Namespace')) === 'aws:elasticbeanstalk:application:environment',
    );
    fromList(env, r, 'environment property', out, 'OptionName', 'Value');
  }
  for (const r of t.byType.get('AWS::SSM::Parameter') ?? []) {
    const name = stringValue(get(r.properties, 'Name'))?.split('/').pop() ?? r.id;
    const value = get(r.properties, 'Value');
    if (value && (isSecretEnvName(name) || isSecretEnvName(r.id))) out.push({ name, value, resource: r, where: 'SSM String parameter' });
  }
  return out;
}

/** Compliant: no environment variable (Lambda, SAM, ECS, Batch, CodeBuild PLAINTEXT, App Runner, Beanstalk) or SSM String parameter named like a secret holds a literal secret. */
export const environmentNoSecrets: Rule = {
  meta: {
    id: 'environment-no-secrets',
    title: 'Environment variables do not hold secrets',
    compliant:
      'Variables named like secrets (`*_PASSWORD`, `*_TOKEN`, `API_KEY`, `AWS_SECRET_ACCESS_KEY`…) do not hold a value written in the template; the workload reads the secret from Secrets Manager at run time.',
    description:
      'Environment variables are stored in plain text in the function or task definition and shown to anyone who can describe it (lambda:GetFunctionConfiguration, ecs:DescribeTaskDefinition, codebuild:BatchGetProjects). ' +
      'A secret written there is also in the template and its history. Give the workload permission to read the secret from Secrets Manager (ECS: `Secrets` with `ValueFrom`; CodeBuild: `Type: SECRETS_MANAGER`).',
    category: 'long-term-credentials',
    severity: 'error',
    profile: 'recommended',
    resourceTypes: [
      'AWS::Lambda::Function',
      'AWS::Serverless::Function',
      'AWS::ECS::TaskDefinition',
      'AWS::Batch::JobDefinition',
      'AWS::CodeBuild::Project',
      'AWS::AppRunner::Service',
      'AWS::ElasticBeanstalk::Environment',
      'AWS::SSM::Parameter',
    ],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Securing Lambda environment variables',
        url: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html',
      },
      {
        title: 'Pass Secrets Manager secrets through ECS environment variables',
        url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-secrets-manager.html',
      },
      {
        title: 'CodeBuild environment variables (SECRETS_MANAGER type)',
        url: 'https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html#build-spec.env.secrets-manager',
      },
    ],
    controls: ['CodeBuild.2', 'ECS.8'],
    equivalents: {
      checkov: ['CKV_AWS_45', 'CKV_AWS_384'],
      cdkNag: ['CodeBuildProjectEnvVarAwsCred', 'ECSTaskDefinitionNoEnvironmentVariables', 'ECS2'],
    },
    fix: 'Moves the value to a new NoEcho parameter, or replaces it with a `{{resolve:secretsmanager:…}}` reference. Both keep it out of the template; reading the secret at run time keeps it out of the function configuration too.',
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    for (const e of secretEnvEntries(t)) report(t, ctx, e);
  },
  source(ctx) {
    environmentNoSecretsCdk(ctx);
  },
};

function report(t: Template, ctx: RuleContext, e: SecretEnvEntry): void {
  const what = `${e.where} ${e.name}`;
  const fixes = (node: Node): Fix[] => [
    noEchoParameterFix(
      t,
      node,
      parameterNameFor(
        e.resource,
        e.name.replace(/(^|_)([a-z])/gi, (_m, _s, c: string) => c.toUpperCase()),
      ),
      `${what}${e.resource ? ` of ${e.resource.id}` : ''}`,
    ),
    secretsManagerFix(node, e.resource, e.name),
  ];
  for (const src of secretSources(t, e.value)) {
    switch (src.kind) {
      case 'literal':
        ctx.report({
          node: src.node,
          resource: e.resource,
          secrets: [src.value],
          fix: fixes(src.node),
          data: { source: 'literal', variable: e.name },
          message: `${cap(what)} holds a secret written in the template; it is stored and shown in plain text. Read it from Secrets Manager at run time.`,
        });
        break;
      case 'default':
        ctx.report({
          node: src.node,
          resource: e.resource,
          secrets: [src.value],
          data: { source: 'parameter-default', parameter: src.param.id },
          message: `${cap(what)} comes from parameter ${src.param.id}, whose Default writes the secret in the template. Remove the Default and read the secret from Secrets Manager at run time.`,
          related: [{ node: src.valueNode, message: `The secret is written here, in parameter ${src.param.id}.` }],
          fix: [hardenParameterFix(src.param)],
        });
        break;
      case 'visible-param':
        ctx.report({
          node: src.node,
          resource: e.resource,
          data: { source: 'visible-parameter', parameter: src.param.id },
          message: `${cap(what)} comes from parameter ${src.param.id}, which is not NoEcho: its value shows in the console and in DescribeStacks. Read the secret from Secrets Manager at run time (or make the parameter NoEcho).`,
          related: [{ node: src.param.keyNode, message: `Parameter ${src.param.id} needs NoEcho: true.` }],
          fix: [hardenParameterFix(src.param)],
        });
        break;
      case 'ssm-plain':
        // A plain SSM String named like a secret is the same exposure, one step removed.
        ctx.report({
          node: src.node,
          resource: e.resource,
          data: { source: 'plain-ssm', variable: e.name },
          message: `${cap(what)} comes from a plain SSM String parameter, which is stored unencrypted. Use Secrets Manager.`,
          fix: secretsManagerFix(src.node, e.resource, e.name),
        });
        break;
    }
  }
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
