import { Rule } from '../../core/rule';
import { ebsVolumeEncrypted } from './ebs-volume-encrypted';
import { rdsStorageEncrypted } from './rds-storage-encrypted';

export const encryptionAtRestRules: Rule[] = [rdsStorageEncrypted, ebsVolumeEncrypted];
