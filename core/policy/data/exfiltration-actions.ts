/**
 * Data-exfiltration actions that `parapet policy check-access-not-granted` looks for by default,
 * beside the catalogue's Permissions-management actions. Reviewed by hand: each one reads secret
 * material or moves data out of the account's control. The list is printed, with these reasons,
 * in docs/policy-checks.md (a test keeps the two equal).
 */
export interface CriticalAction {
  action: string;
  reason: string;
}

export const EXFILTRATION_ACTIONS: readonly CriticalAction[] = [
  { action: 's3:GetObject', reason: 'Reads object data from every bucket the statement covers.' },
  { action: 's3:PutReplicationConfiguration', reason: "Replicates a bucket's objects to a bucket that may be in another account." },
  { action: 's3:PutBucketAcl', reason: 'Grants other accounts, or everyone, access to a bucket through its ACL.' },
  { action: 's3:PutObjectAcl', reason: 'Grants other accounts, or everyone, access to an object through its ACL.' },
  { action: 'secretsmanager:GetSecretValue', reason: 'Reads secret values in plain text.' },
  { action: 'ssm:GetParameter', reason: 'Reads parameters, SecureString values decrypted.' },
  { action: 'ssm:GetParameters', reason: 'Reads parameters, SecureString values decrypted.' },
  { action: 'ssm:GetParametersByPath', reason: 'Reads whole parameter trees, SecureString values decrypted.' },
  { action: 'kms:Decrypt', reason: 'Decrypts data protected by every key the statement covers.' },
  { action: 'ec2:GetPasswordData', reason: "Reads the encrypted Windows administrator password of an instance." },
  { action: 'ec2:ModifySnapshotAttribute', reason: 'Shares an EBS snapshot with another account or makes it public.' },
  { action: 'ec2:ModifyImageAttribute', reason: 'Shares an AMI, and the data on its snapshots, with another account or everyone.' },
  { action: 'ec2:CreateInstanceExportTask', reason: 'Exports an instance image to an S3 bucket.' },
  { action: 'ebs:GetSnapshotBlock', reason: 'Reads the raw blocks of an EBS snapshot.' },
  { action: 'rds:ModifyDBSnapshotAttribute', reason: 'Shares a database snapshot with another account or makes it public.' },
  { action: 'rds:ModifyDBClusterSnapshotAttribute', reason: 'Shares a cluster snapshot with another account or makes it public.' },
  { action: 'rds:StartExportTask', reason: 'Exports snapshot data to an S3 bucket.' },
  { action: 'redshift:AuthorizeSnapshotAccess', reason: 'Shares a Redshift snapshot with another account.' },
  { action: 'dynamodb:ExportTableToPointInTime', reason: 'Exports a whole table to an S3 bucket, which may be in another account.' },
  { action: 'backup:StartCopyJob', reason: 'Copies a recovery point to another vault, which may be in another account.' },
  { action: 'logs:CreateExportTask', reason: 'Exports a log group to an S3 bucket.' },
  { action: 'logs:PutSubscriptionFilter', reason: 'Streams log events to a destination that may be in another account.' },
  { action: 'lambda:GetFunction', reason: "Returns a link to the function's code, and its environment variables." },
  { action: 'codecommit:GitPull', reason: 'Clones repository contents.' },
  { action: 'ram:CreateResourceShare', reason: 'Shares resources with other accounts or organisations.' },
  { action: 'iam:CreateAccessKey', reason: 'Creates long-term credentials for a user, usable from anywhere.' },
  { action: 'iam:CreateLoginProfile', reason: 'Gives a user a console password.' },
  { action: 'sts:GetFederationToken', reason: 'Issues temporary credentials that outlive the caller’s session controls.' },
];
