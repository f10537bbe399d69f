import { Rule } from '../../core/rule';
import { elbv2ListenerHttps } from './elbv2-listener-https';
import { s3BucketEnforceTls } from './s3-bucket-enforce-tls';

export const encryptionInTransitRules: Rule[] = [s3BucketEnforceTls, elbv2ListenerHttps];
