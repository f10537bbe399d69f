// A CDK TypeScript stack with the problems Parapet finds before synth. Parapet never runs this code.
import { Stack, StackProps, SecretValue } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export class StorageStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2 });

    // No enforceSSL: the bucket accepts plain-HTTP requests.
    new s3.Bucket(this, 'Reports', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      versioned: true,
    });

    // IMDSv1 left on for every instance launched from this template (Amazon Linux 2 images answer it).
    new ec2.LaunchTemplate(this, 'Workers', {
      machineImage: ec2.MachineImage.latestAmazonLinux2(),
      instanceType: new ec2.InstanceType('t3.micro'),
    });

    // Unencrypted storage and a password written into the template.
    new rds.DatabaseInstance(this, 'Db', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      credentials: rds.Credentials.fromPassword('admin', SecretValue.unsafePlainText('change-me-please-123')),
    });
  }
}
