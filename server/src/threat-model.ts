import { threatModelMarkdown } from '../../core/threat-model';
import { ServerContext } from './context';
import { ThreatModelParams, ThreatModelResult } from './protocol';
import { Settings } from './settings';

/**
 * `parapet/threatModel`: the threat-model skeleton of an open document, built from the same parse
 * and findings the diagnostics came from, so templates and CDK files alike get one.
 */
export async function threatModel(
  ctx: ServerContext,
  params: ThreatModelParams,
  applies: (uri: string, s: Settings) => boolean,
): Promise<ThreatModelResult | null> {
  const doc = typeof params?.uri === 'string' ? ctx.documents.get(params.uri) : undefined;
  if (!doc) return null;
  const settings = await ctx.settings.get(doc.uri);
  if (!applies(doc.uri, settings)) return null;
  const result = ctx.analyzer.analyzeOpen(doc, settings);
  if (result.doc.kind === 'none') return null;
  const findings = result.findings.map((f) => ({
    ruleId: f.ruleId,
    message: f.message,
    severity: f.severity,
    category: f.category,
    resource: f.resource,
    range: f.range,
  }));
  const title = doc.uri.split('/').pop() ?? doc.uri;
  return { markdown: threatModelMarkdown(result.doc, findings, { title: decodeURIComponent(title) }), kind: result.doc.kind };
}
