import { Rule } from '../../core/rule';
import { propertiesUnreadable } from '../lib/paths';
import { checkProperty, oneOf } from '../lib/property-value';
import { Reporter } from '../lib/reporter';

/** Compliant: SageMaker notebook instances set `InstanceMetadataServiceConfiguration.MinimumInstanceMetadataServiceVersion: "2"`. */
export const sagemakerNotebookImdsv2: Rule = {
  meta: {
    id: 'sagemaker-notebook-imdsv2',
    title: 'SageMaker notebook instances require IMDSv2',
    compliant: '`InstanceMetadataServiceConfiguration.MinimumInstanceMetadataServiceVersion` is "2".',
    description:
      "Notebook instances run arbitrary code and often fetch URLs on a user's behalf; with IMDSv1 allowed, one server-side request forgery reads the notebook's execution role credentials. " +
      'Requiring IMDSv2 makes every metadata request need a session token obtained with a PUT.',
    category: 'instance-metadata',
    severity: 'error',
    profile: 'recommended',
    resourceTypes: ['AWS::SageMaker::NotebookInstance'],
    syntaxes: ['cfn-yaml', 'cfn-json', 'cdk-ts', 'cdk-py'],
    references: [
      {
        title: 'Instance Metadata Service Version 2 on notebook instances',
        url: 'https://docs.aws.amazon.com/sagemaker/latest/dg/nbi-imds.html',
      },
    ],
    equivalents: { checkov: ['CKV_AWS_371'] },
    fix: 'Sets `MinimumInstanceMetadataServiceVersion: "2"`.',
    fixSafety: 'suggestion',
  },
  template(t, ctx) {
    const rep = new Reporter(ctx);
    for (const r of t.byType.get('AWS::SageMaker::NotebookInstance') ?? []) {
      if (propertiesUnreadable(r)) continue;
      checkProperty(t, rep, r, {
        path: ['InstanceMetadataServiceConfiguration', 'MinimumInstanceMetadataServiceVersion'],
        judge: oneOf('2'),
        fixValue: '2',
        fixTitle: 'Require IMDSv2 (MinimumInstanceMetadataServiceVersion: "2")',
        missing: {
          message: `Notebook instance ${r.id} allows IMDSv1: MinimumInstanceMetadataServiceVersion is not set (default 1). Set it to 2.`,
        },
        bad: (v) => `Notebook instance ${r.id} allows IMDSv1 (MinimumInstanceMetadataServiceVersion is ${String(v)}). Set it to 2.`,
      });
    }
  },
};
