/** The inputs and outputs buckets and the job queue with its dead-letter queue: the state the app keeps outside RDS. */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface StorageProps {
  /** Browser origins allowed to PUT/GET presigned URLs (the UI's own origin). */
  corsOrigins: string[];
  inputRetentionDays: number;
  outputRetentionDays: number;
  /** SQS visibility timeout; the workers' lease (ZEROSEC_LEASE_SECONDS) matches it. */
  leaseSeconds: number;
  maxReceiveCount: number;
}

export class Storage extends Construct {
  readonly inputs: s3.Bucket;
  readonly outputs: s3.Bucket;
  readonly queue: sqs.Queue;
  readonly deadLetters: sqs.Queue;

  constructor(scope: Construct, id: string, props: StorageProps) {
    super(scope, id);
    const bucket = (name: string, retentionDays: number) =>
      new s3.Bucket(this, name, {
        encryption: s3.BucketEncryption.S3_MANAGED,
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        enforceSSL: true,
        objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
        removalPolicy: RemovalPolicy.RETAIN,
        cors: [
          {
            // Browsers upload (single PUT or parts) and download straight from S3 with presigned URLs.
            allowedMethods: [s3.HttpMethods.PUT, s3.HttpMethods.GET, s3.HttpMethods.HEAD],
            allowedOrigins: props.corsOrigins,
            allowedHeaders: ['*'],
            exposedHeaders: ['ETag'],
            maxAge: 3000,
          },
        ],
        lifecycleRules: [
          { id: 'retention', expiration: Duration.days(retentionDays) },
          { id: 'abandoned-multipart', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        ],
      });
    this.inputs = bucket('Inputs', props.inputRetentionDays);
    this.outputs = bucket('Outputs', props.outputRetentionDays);

    this.deadLetters = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new sqs.Queue(this, 'Jobs', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(props.leaseSeconds),
      receiveMessageWaitTime: Duration.seconds(20),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetters, maxReceiveCount: props.maxReceiveCount },
    });
  }
}
