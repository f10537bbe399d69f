import { Rule } from '../../core/rule';
import { ec2ImdsHopLimit } from './ec2-imds-hop-limit';
import { ec2Imdsv2Required } from './ec2-imdsv2-required';
import { sagemakerNotebookImdsv2 } from './sagemaker-notebook-imdsv2';

export const instanceMetadataRules: Rule[] = [ec2Imdsv2Required, ec2ImdsHopLimit, sagemakerNotebookImdsv2];
