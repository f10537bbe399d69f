import { Rule } from '../../core/rule';
import { ebsVolumeEncrypted } from './ebs-volume-encrypted';
import { rdsStorageEncrypted } from './rds-storage-encrypted';
import { apigatewayCacheEncrypted } from './apigateway-cache-encrypted';
import { backupVaultKmsKey } from './backup-vault-kms-key';
import { cloudtrailKmsEncrypted } from './cloudtrail-kms-encrypted';
import { cloudwatchLogGroupKmsEncrypted } from './cloudwatch-log-group-kms-encrypted';
import { codebuildProjectEncrypted } from './codebuild-project-encrypted';
import { daxClusterEncrypted } from './dax-cluster-encrypted';
import { dlmCrossRegionCopyEncrypted } from './dlm-cross-region-copy-encrypted';
import { documentdbClusterEncrypted } from './documentdb-cluster-encrypted';
import { dynamodbTableKmsEncrypted } from './dynamodb-table-kms-encrypted';
import { ec2BlockDeviceEncrypted } from './ec2-block-device-encrypted';
import { ecrRepositoryKmsEncrypted } from './ecr-repository-kms-encrypted';
import { efsFileSystemEncrypted } from './efs-file-system-encrypted';
import { eksSecretsEncrypted } from './eks-secrets-encrypted';
import { elasticacheReplicationGroupEncryptedAtRest } from './elasticache-replication-group-encrypted-at-rest';
import { emrSecurityConfigurationEncryptedAtRest } from './emr-security-configuration-encrypted-at-rest';
import { firehoseDeliveryStreamEncrypted } from './firehose-delivery-stream-encrypted';
import { kendraIndexKmsKey } from './kendra-index-kms-key';
import { kinesisStreamEncrypted } from './kinesis-stream-encrypted';
import { kmsKeyRotationEnabled } from './kms-key-rotation-enabled';
import { lambdaEnvironmentKmsKey } from './lambda-environment-kms-key';
import { mqBrokerKmsEncrypted } from './mq-broker-kms-encrypted';
import { neptuneClusterEncrypted } from './neptune-cluster-encrypted';
import { opensearchDomainEncryptedAtRest } from './opensearch-domain-encrypted-at-rest';
import { redshiftClusterEncrypted } from './redshift-cluster-encrypted';
import { s3BucketEncryptionConfigured } from './s3-bucket-encryption-configured';
import { sagemakerKmsEncrypted } from './sagemaker-kms-encrypted';
import { secretsmanagerSecretKmsKey } from './secretsmanager-secret-kms-key';
import { snsTopicEncrypted } from './sns-topic-encrypted';
import { sqsQueueEncrypted } from './sqs-queue-encrypted';
import { workspacesVolumeEncrypted } from './workspaces-volume-encrypted';

export const encryptionAtRestRules: Rule[] = [
  rdsStorageEncrypted,
  ebsVolumeEncrypted,
  apigatewayCacheEncrypted,
  backupVaultKmsKey,
  cloudtrailKmsEncrypted,
  cloudwatchLogGroupKmsEncrypted,
  codebuildProjectEncrypted,
  daxClusterEncrypted,
  dlmCrossRegionCopyEncrypted,
  documentdbClusterEncrypted,
  dynamodbTableKmsEncrypted,
  ec2BlockDeviceEncrypted,
  ecrRepositoryKmsEncrypted,
  efsFileSystemEncrypted,
  eksSecretsEncrypted,
  elasticacheReplicationGroupEncryptedAtRest,
  emrSecurityConfigurationEncryptedAtRest,
  firehoseDeliveryStreamEncrypted,
  kendraIndexKmsKey,
  kinesisStreamEncrypted,
  kmsKeyRotationEnabled,
  lambdaEnvironmentKmsKey,
  mqBrokerKmsEncrypted,
  neptuneClusterEncrypted,
  opensearchDomainEncryptedAtRest,
  redshiftClusterEncrypted,
  s3BucketEncryptionConfigured,
  sagemakerKmsEncrypted,
  secretsmanagerSecretKmsKey,
  snsTopicEncrypted,
  sqsQueueEncrypted,
  workspacesVolumeEncrypted,
];
