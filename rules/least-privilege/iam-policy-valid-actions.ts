import { actionsOf, catalogueAvailable, closest, expandAction, isKnownService, serviceList } from '../../core/policy/catalogue';
import { PolicyItem } from '../../core/policy/model';
import { Fix, Rule } from '../../core/rule';
import { modelOf, POLICY_GRAMMAR_REFERENCE, POLICY_RESOURCE_TYPES, POLICY_SYNTAXES, reportAt } from '../lib/policy-rules';

/** Compliant: every action names a known service and a known action (or a wildcard that matches at least one). */
export const iamPolicyValidActions: Rule = {
  meta: {
    id: 'iam-policy-valid-actions',
    title: 'Policy actions exist',
    compliant:
      'Every Action and NotAction entry is `*` or `service:Action` naming a service and action AWS knows (wildcards must match one).',
    description:
      'IAM accepts a misspelt action and simply never matches it: an Allow silently grants less than intended, and a Deny silently protects nothing. ' +
      "IAM Access Analyzer's policy validation reports these; Parapet does so as you type, with the closest real names.",
    category: 'least-privilege',
    severity: 'warning',
    profile: 'recommended',
    resourceTypes: POLICY_RESOURCE_TYPES,
    syntaxes: POLICY_SYNTAXES,
    references: [
      POLICY_GRAMMAR_REFERENCE,
      {
        title: 'IAM Access Analyzer policy validation',
        url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-policy-validation.html',
      },
    ],
    fix: 'Replaces the name with one of the closest known service or action names.',
    fixSafety: 'suggestion',
  },
  document(ctx) {
    if (!catalogueAvailable()) return;
    for (const doc of modelOf(ctx).documents) {
      for (const st of doc.statements) {
        for (const el of [st.action, st.notAction]) {
          for (const it of el?.items ?? []) {
            const v = it.value;
            if (v === undefined || v === '*' || v.includes('${') || AWS_WRITTEN.has(v.toLowerCase())) continue;
            const problem = check(v);
            if (!problem) continue;
            reportAt(ctx, doc, it.node, problem.message, {
              fix: suggestions(it, problem.suggestions),
              data: problem.suggestions.length ? { suggestion: problem.suggestions[0] } : undefined,
            });
          }
        }
      }
    }
  },
};

/**
 * Actions AWS writes into policies itself although the Service Authorization Reference does not list them: every SNS
 * topic's default policy (`__default_policy_ID`) grants `SNS:Receive` beside eight real actions, and MediaLive's
 * documented access role grants the `mediaconnect:Managed*` actions MediaConnect checks when MediaLive uses a flow.
 * Reporting them would flag AWS's own defaults.
 */
const AWS_WRITTEN = new Set([
  'sns:receive',
  'mediaconnect:manageddescribeflow',
  'mediaconnect:managedaddoutput',
  'mediaconnect:managedremoveoutput',
]);

/** API operations that are not IAM actions, and the action AWS documents as authorising each (Bedrock, SQS, S3 docs). */
const API_AUTHORISED_BY: Readonly<Record<string, string>> = {
  'bedrock:startasyncinvoke': 'bedrock:InvokeModel',
  'bedrock:converse': 'bedrock:InvokeModel',
  'bedrock:conversestream': 'bedrock:InvokeModelWithResponseStream',
  'sqs:sendmessagebatch': 'sqs:SendMessage',
  'sqs:deletemessagebatch': 'sqs:DeleteMessage',
  'sqs:changemessagevisibilitybatch': 'sqs:ChangeMessageVisibility',
  's3:listobjects': 's3:ListBucket',
  's3:listobjectsv2': 's3:ListBucket',
  's3:headbucket': 's3:ListBucket',
  's3:headobject': 's3:GetObject',
};

interface Problem {
  message: string;
  suggestions: string[];
}

// The verdict depends on the string alone: computed once per distinct action, not per keystroke.
const verdicts = new Map<string, Problem | null>();

function check(v: string): Problem | undefined {
  let hit = verdicts.get(v);
  if (hit === undefined) {
    if (verdicts.size > 20_000) verdicts.clear();
    hit = compute(v) ?? null;
    verdicts.set(v, hit);
  }
  return hit ?? undefined;
}

function compute(v: string): Problem | undefined {
  const m = /^([^:]*):(.*)$/.exec(v);
  if (!m || !m[1] || !m[2] || !/^[A-Za-z0-9*?-]+$/.test(m[1]) || !/^[A-Za-z0-9*?_-]+$/.test(m[2])) {
    return { message: `"${v}" is not an action: write service:ActionName, e.g. s3:GetObject.`, suggestions: [] };
  }
  const [, svc, name] = m;
  if (/[*?]/.test(svc)) {
    return expandAction(v).length
      ? undefined
      : { message: `"${v}" matches no action of any service. Name an action that exists.`, suggestions: [] };
  }
  if (!isKnownService(svc)) {
    // Only services that have this action: a suggestion must make the finding go away.
    const near = closest(svc, serviceList(), 2)
      .map((s) => `${s}:${name}`)
      .filter((a) => expandAction(a).length > 0);
    return {
      message: `"${svc}" is not an AWS service prefix${near.length ? `; did you mean ${near.map((n) => `"${n.split(':')[0]}"`).join(' or ')}?` : '.'} Name an AWS service and action.`,
      suggestions: near,
    };
  }
  if (expandAction(v).length) return undefined;
  if (/[*?]/.test(name)) return { message: `"${v}" matches no ${svc} action.`, suggestions: [] };
  const authorisedBy = API_AUTHORISED_BY[`${svc}:${name}`.toLowerCase()];
  if (authorisedBy) {
    return {
      message: `${svc} has no action "${name}": the ${name} API is authorised by ${authorisedBy}, so this grants nothing. Use ${authorisedBy}.`,
      suggestions: [authorisedBy],
    };
  }
  const near = closest(
    name,
    actionsOf(svc).map((a) => a.name),
    3,
  ).map((a) => `${svc}:${a}`);
  return {
    message: `${svc} has no action "${name}"${near.length ? `; did you mean ${near.map((n) => `"${n}"`).join(' or ')}?` : '.'} Name an action that exists.`,
    suggestions: near,
  };
}

function suggestions(it: PolicyItem, names: string[]): Fix[] {
  return names.map((n) => ({ title: `Change to ${n}`, ops: [{ op: 'replace', node: it.node, value: n }] }));
}
