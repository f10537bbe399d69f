import { Rule } from '../../core/rule';
import { ec2Imdsv2Required } from './ec2-imdsv2-required';

export const instanceMetadataRules: Rule[] = [ec2Imdsv2Required];
