/**
 * Offline CheckNoPublicAccess: which resource and trust policies grant access to everyone.
 * The decision is `publicGrant` (core/policy/analysis.ts), the one the public-access rules make,
 * so the check and the editor's findings always agree.
 */
import { get } from '../../nodes';
import { publicGrant } from '../analysis';
import { PolicyDocument, PrincipalItem, Statement } from '../model';

/** CloudFormation resource types whose policy Access Analyzer's public-access check evaluates, with its resource type. */
export const PUBLIC_ACCESS_TYPES: Readonly<Record<string, string>> = {
  'AWS::S3::BucketPolicy': 'AWS::S3::Bucket',
  'AWS::S3::AccessPoint': 'AWS::S3::AccessPoint',
  'AWS::S3::MultiRegionAccessPointPolicy': 'AWS::S3::MultiRegionAccessPoint',
  'AWS::S3Express::BucketPolicy': 'AWS::S3Express::DirectoryBucket',
  'AWS::S3Express::AccessPoint': 'AWS::S3Express::AccessPoint',
  'AWS::S3Outposts::BucketPolicy': 'AWS::S3Outposts::Bucket',
  'AWS::S3Outposts::AccessPoint': 'AWS::S3Outposts::AccessPoint',
  'AWS::S3Tables::TableBucketPolicy': 'AWS::S3Tables::TableBucket',
  'AWS::S3Tables::TablePolicy': 'AWS::S3Tables::Table',
  'AWS::Glacier::Vault': 'AWS::S3::Glacier',
  'AWS::KMS::Key': 'AWS::KMS::Key',
  'AWS::KMS::ReplicaKey': 'AWS::KMS::Key',
  'AWS::SQS::QueuePolicy': 'AWS::SQS::Queue',
  'AWS::SNS::TopicPolicy': 'AWS::SNS::Topic',
  'AWS::SecretsManager::ResourcePolicy': 'AWS::SecretsManager::Secret',
  'AWS::ECR::Repository': 'AWS::ECR::Repository',
  'AWS::Lambda::Permission': 'AWS::Lambda::Function',
  'AWS::OpenSearchService::Domain': 'AWS::OpenSearchService::Domain',
  'AWS::Elasticsearch::Domain': 'AWS::OpenSearchService::Domain',
  'AWS::EFS::FileSystem': 'AWS::EFS::FileSystem',
  'AWS::Backup::BackupVault': 'AWS::Backup::BackupVault',
  'AWS::ApiGateway::RestApi': 'AWS::ApiGateway::RestApi',
  'AWS::DynamoDB::Table': 'AWS::DynamoDB::Table',
  'AWS::Kinesis::ResourcePolicy': 'AWS::Kinesis::Stream',
  'AWS::CodeArtifact::Domain': 'AWS::CodeArtifact::Domain',
  'AWS::CloudTrail::ResourcePolicy': 'AWS::CloudTrail::EventDataStore',
  'AWS::IAM::Role': 'AWS::IAM::AssumeRolePolicyDocument',
};

/** One statement that makes a resource public. */
export interface PublicAccess {
  doc: PolicyDocument;
  statement: Statement;
  principal: PrincipalItem;
  /** Access Analyzer's resource type, when the policy's resource is one it knows. */
  resourceType: string | undefined;
  reason: string;
}

/** A domain in a VPC has no public endpoint: an open access policy there is the documented norm (opensearch-domain-not-public). */
function vpcOnly(doc: PolicyDocument): boolean {
  const r = doc.resource;
  return (
    !!r &&
    (r.type === 'AWS::OpenSearchService::Domain' || r.type === 'AWS::Elasticsearch::Domain') &&
    get(r.properties, 'VPCOptions') !== undefined
  );
}

/** The statements of a resource or trust policy that grant access to everyone. */
export function checkNoPublicAccess(doc: PolicyDocument): PublicAccess[] {
  if (doc.kind !== 'resource' && doc.kind !== 'trust') return [];
  if (vpcOnly(doc)) return [];
  const resourceType = doc.resource
    ? PUBLIC_ACCESS_TYPES[doc.resource.type]
    : doc.kind === 'trust'
      ? 'AWS::IAM::AssumeRolePolicyDocument'
      : undefined;
  const out: PublicAccess[] = [];
  for (const st of doc.statements) {
    const principal = publicGrant(st);
    if (!principal) continue;
    const actions = (st.action?.items ?? []).map((a) => a.value).filter((a): a is string => !!a);
    const what = st.notAction
      ? 'every action but those listed in NotAction'
      : actions.length
        ? actions.slice(0, 4).join(', ') + (actions.length > 4 ? ', …' : '')
        : 'its actions';
    out.push({
      doc,
      statement: st,
      principal,
      resourceType,
      reason: `${doc.where}: the statement${st.sid ? ` ${st.sid}` : ''} allows every principal (${what}) without a condition on the caller's account, organisation, source or network`,
    });
  }
  return out;
}
