import { Rule } from '../../core/rule';
import { elbv2ListenerHttps } from './elbv2-listener-https';
import { s3BucketEnforceTls } from './s3-bucket-enforce-tls';
import { apigatewayDomainTls12 } from './apigateway-domain-tls-1-2';
import { cloudfrontMinimumTls12 } from './cloudfront-minimum-tls-1-2';
import { cloudfrontOriginHttps } from './cloudfront-origin-https';
import { cloudfrontViewerHttps } from './cloudfront-viewer-https';
import { dmsEndpointSsl } from './dms-endpoint-ssl';
import { documentdbTlsEnabled } from './documentdb-tls-enabled';
import { ecsEfsVolumeEncryptedInTransit } from './ecs-efs-volume-encrypted-in-transit';
import { elasticacheReplicationGroupEncryptedInTransit } from './elasticache-replication-group-encrypted-in-transit';
import { elbListenerEncrypted } from './elb-listener-encrypted';
import { elbTlsPolicy12 } from './elb-tls-policy-1-2';
import { elbv2ListenerTls12 } from './elbv2-listener-tls-1-2';
import { emrSecurityConfigurationEncryptedInTransit } from './emr-security-configuration-encrypted-in-transit';
import { mskClusterEncryptedInTransit } from './msk-cluster-encrypted-in-transit';
import { opensearchDomainEnforceHttps } from './opensearch-domain-enforce-https';
import { opensearchDomainTls12 } from './opensearch-domain-tls-1-2';
import { opensearchNodeToNodeEncrypted } from './opensearch-node-to-node-encrypted';
import { rdsParameterGroupForceSsl } from './rds-parameter-group-force-ssl';
import { rdsProxyRequireTls } from './rds-proxy-require-tls';
import { redshiftRequireSsl } from './redshift-require-ssl';
import { snsTopicEnforceTls } from './sns-topic-enforce-tls';
import { sqsQueueEnforceTls } from './sqs-queue-enforce-tls';

export const encryptionInTransitRules: Rule[] = [
  s3BucketEnforceTls,
  elbv2ListenerHttps,
  apigatewayDomainTls12,
  cloudfrontMinimumTls12,
  cloudfrontOriginHttps,
  cloudfrontViewerHttps,
  dmsEndpointSsl,
  documentdbTlsEnabled,
  ecsEfsVolumeEncryptedInTransit,
  elasticacheReplicationGroupEncryptedInTransit,
  elbListenerEncrypted,
  elbTlsPolicy12,
  elbv2ListenerTls12,
  emrSecurityConfigurationEncryptedInTransit,
  mskClusterEncryptedInTransit,
  opensearchDomainEnforceHttps,
  opensearchDomainTls12,
  opensearchNodeToNodeEncrypted,
  rdsParameterGroupForceSsl,
  rdsProxyRequireTls,
  redshiftRequireSsl,
  snsTopicEnforceTls,
  sqsQueueEnforceTls,
];
