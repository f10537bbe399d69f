import { Rule } from '../../core/rule';
import { ec2ImdsHopLimit } from './ec2-imds-hop-limit';
import { ec2Imdsv2Required } from './ec2-imdsv2-required';
import { sagemakerNotebookImdsv2 } from './sagemaker-notebook-imdsv2';

export const instanceMetadataRules: Rule[] = [
  // One entry per line, as in every registry: adding a rule is a one-line change.
  ec2Imdsv2Required,
  ec2ImdsHopLimit,
  sagemakerNotebookImdsv2,
];
