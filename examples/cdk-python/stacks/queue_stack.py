# A CDK Python stack with the problems Parapet finds before synth. Parapet never runs this code.
from aws_cdk import Stack, aws_ec2 as ec2, aws_sqs as sqs
from constructs import Construct


class QueueStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)

        # Unencrypted and no enforce_ssl: SQS accepts plain-HTTP requests to this queue.
        sqs.Queue(self, "Jobs", visibility_timeout=None, encryption=sqs.QueueEncryption.UNENCRYPTED)

        # An unencrypted EBS volume.
        ec2.Volume(self, "Scratch",
            availability_zone="eu-west-1a",
            size=None,
            encrypted=False,
        )
