import { Node } from '../../core/nodes';
import { Rule } from '../../core/rule';
import { Resource, Template } from '../../core/template';
import { checkProperty, mustBeTrue, outcomesOf } from '../lib/property-value';
import { items } from '../lib/read-nodes';
import { Reporter } from '../lib/reporter';

/** Compliant: wherever an API Gateway stage turns response caching on, `CacheDataEncrypted` is true. */
export const apigatewayCacheEncrypted: Rule = {
  meta: {
    id: 'apigateway-cache-encrypted',
    title: 'API Gateway caches are encrypted',
    compliant:
      "`CacheDataEncrypted: true` wherever `CachingEnabled: true` in a stage's `MethodSettings` or a deployment's `StageDescription`.",
    description:
      'A REST API stage with caching keeps responses (often personal data and tokens) in a cache cluster; unless `CacheDataEncrypted` is true they are stored unencrypted. ' +
      'The flag is per method setting, so a catch-all `/*/*` entry with caching on needs it too.',
    category: 'encryption-at-rest',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: ['AWS::ApiGateway::Stage', 'AWS::ApiGateway::Deployment'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Cache settings for REST APIs in API Gateway',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html',
      },
      {
        title: 'AWS::ApiGateway::Stage MethodSetting',
        url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-apigateway-stage-methodsetting.html',
      },
    ],
    controls: ['APIGateway.5'],
    equivalents: { guard: ['API_GW_CACHE_ENABLED_AND_ENCRYPTED'], cfnNag: ['W87'], cdkNag: ['APIGWCacheEnabledAndEncrypted'] },
    fix: 'Sets `CacheDataEncrypted: true` next to `CachingEnabled: true`.',
    fixSafety: 'safe',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    for (const r of t.byType.get('AWS::ApiGateway::Stage') ?? []) {
      for (const o of outcomesOf(t, r.node, ['Properties', 'MethodSettings']))
        if (o.kind === 'node') for (const m of items(o.node)) check(t, rep, r, m);
    }
    for (const r of t.byType.get('AWS::ApiGateway::Deployment') ?? []) {
      for (const o of outcomesOf(t, r.node, ['Properties', 'StageDescription'])) {
        if (o.kind !== 'node') continue;
        check(t, rep, r, o.node);
        for (const m of outcomesOf(t, o.node, ['MethodSettings']))
          if (m.kind === 'node') for (const s of items(m.node)) check(t, rep, r, s);
      }
    }
  },
};

/** One settings block: only a block that can turn caching on needs the flag. */
function check(t: Template, rep: Reporter, r: Resource, block: Node): void {
  const caching = outcomesOf(t, block, ['CachingEnabled']).some((o) => o.kind === 'value' && mustBeTrue(o.value) === 'ok');
  if (!caching) return;
  checkProperty(t, rep, r, {
    base: block,
    missingAt: block,
    path: ['CacheDataEncrypted'],
    judge: mustBeTrue,
    fixValue: true,
    fixTitle: 'Set CacheDataEncrypted: true',
    missing: { message: 'Caching is on but the cache is not encrypted: CacheDataEncrypted defaults to false. Set it to true.' },
    bad: () => 'Caching is on but the cache is not encrypted (CacheDataEncrypted is false). Set it to true.',
  });
}
