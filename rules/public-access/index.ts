import { Rule } from '../../core/rule';
import { apigatewayMethodAuthorized } from './apigateway-method-authorized';
import { dbNotPubliclyAccessible } from './db-not-publicly-accessible';
import { ec2SecurityGroupNoPublicAdminPorts } from './ec2-security-group-no-public-admin-ports';
import { ecsServiceNoPublicIp } from './ecs-service-no-public-ip';
import { eksEndpointNotPublic } from './eks-endpoint-not-public';
import { lambdaUrlAuthRequired } from './lambda-url-auth-required';
import { opensearchDomainNotPublic } from './opensearch-domain-not-public';
import { s3BucketNoPublicAcl } from './s3-bucket-no-public-acl';
import { s3BucketPolicyNotPublic } from './s3-bucket-policy-not-public';
import { s3BucketPublicAccessBlock } from './s3-bucket-public-access-block';

export const publicAccessRules: Rule[] = [
  s3BucketPublicAccessBlock,
  s3BucketNoPublicAcl,
  s3BucketPolicyNotPublic,
  ec2SecurityGroupNoPublicAdminPorts,
  dbNotPubliclyAccessible,
  eksEndpointNotPublic,
  lambdaUrlAuthRequired,
  opensearchDomainNotPublic,
  apigatewayMethodAuthorized,
  ecsServiceNoPublicIp,
];
