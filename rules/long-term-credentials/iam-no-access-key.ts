import { isIntrinsic, Node, stringValue, walk } from '../../core/nodes';
import { RelatedInfo, Rule } from '../../core/rule';
import { referencedId } from '../../core/values';

/** Compliant: the template creates no AWS::IAM::AccessKey; workloads get temporary credentials from a role. */
export const iamNoAccessKey: Rule = {
  meta: {
    id: 'iam-no-access-key',
    title: 'No IAM access keys',
    compliant: 'The template creates no AWS::IAM::AccessKey; workloads assume roles, people sign in through IAM Identity Center.',
    description:
      'An IAM access key is a long-term credential: it works from anywhere until someone deletes it, and a template that creates one usually ' +
      'hands its secret to an output, a parameter store or a configuration file where it can leak. ' +
      'Workloads on AWS should assume an IAM role, workloads outside AWS should use IAM Roles Anywhere, and people should use IAM Identity Center.',
    category: 'long-term-credentials',
    severity: 'error',
    profile: 'recommended',
    resourceTypes: ['AWS::IAM::AccessKey'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'IAM best practices: require workloads to use temporary credentials',
        url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-workloads-use-roles',
      },
      { title: 'IAM Roles Anywhere', url: 'https://docs.aws.amazon.com/rolesanywhere/latest/userguide/introduction.html' },
      { title: 'IAM Identity Center', url: 'https://docs.aws.amazon.com/singlesignon/latest/userguide/what-is.html' },
    ],
    // No peer flags a bare AWS::IAM::AccessKey (shared/rule-ideas.md, "Gaps"): there is no suppression id to honour.
    equivalents: {},
  },
  template(t, ctx) {
    const keys = t.byType.get('AWS::IAM::AccessKey') ?? [];
    if (!keys.length) return;
    // Where the template reads a key's secret (usually an Output), so the user sees where it leaks.
    const leaks = new Map<string, RelatedInfo[]>();
    const note = (id: string, node: Node): void => {
      const list = leaks.get(id) ?? [];
      list.push({ node, message: 'The secret access key is read here; anyone who can read this value can act with the key.' });
      leaks.set(id, list);
    };
    walk(t.root, (n) => {
      if (isIntrinsic(n, 'Fn::GetAtt')) {
        const arg = n.arg;
        const attr = arg?.kind === 'seq' ? stringValue(arg.items[1]) : stringValue(arg)?.split('.').slice(1).join('.');
        const id = referencedId(n);
        if (id && attr === 'SecretAccessKey') note(id, n);
      } else if (isIntrinsic(n, 'Fn::Sub')) {
        const s = n.arg?.kind === 'seq' ? stringValue(n.arg.items[0]) : stringValue(n.arg);
        for (const m of (s ?? '').matchAll(/\$\{([A-Za-z0-9]+)\.SecretAccessKey\}/g)) note(m[1], n);
      }
    });
    for (const r of keys) {
      ctx.report({
        node: r.keyNode,
        resource: r,
        message:
          `Access key ${r.id} is a long-term credential. Give workloads an IAM role (IAM Roles Anywhere outside AWS) ` +
          'and people IAM Identity Center, so that credentials are temporary.',
        related: leaks.get(r.id),
      });
    }
  },
};
