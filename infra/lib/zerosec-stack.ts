/**
 * 0.00sec on AWS in one stack: VPC, RDS PostgreSQL, S3 buckets, SQS with a dead-letter queue, the API on Fargate
 * behind an ALB, queue-driven Fargate workers, logs and alarms. Everything configurable comes in as props.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import type { Construct } from 'constructs';
import { Alarms } from './alarms.js';
import { Database } from './database.js';
import { Services } from './services.js';
import { Storage } from './storage.js';

export interface ZerosecStackProps extends StackProps {
  image: ecs.ContainerImage;
  /** ACM certificate for the HTTPS listener; without it the ALB listens on HTTP only. */
  certificateArn?: string;
  /** The UI's public origin when it has its own domain; default the ALB's address. */
  publicOrigin?: string;
  alarmEmail?: string;
  dbInstanceType?: ec2.InstanceType;
  multiAz?: boolean;
  leaseSeconds?: number;
  maxReceiveCount?: number;
  inputRetentionDays?: number;
  outputRetentionDays?: number;
  workerMaxTasks?: number;
  workerConcurrency?: number;
}

export class ZerosecStack extends Stack {
  constructor(scope: Construct, id: string, props: ZerosecStackProps) {
    super(scope, id, props);
    const leaseSeconds = props.leaseSeconds ?? 60;
    const vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: 1,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC },
        { name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
        { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      ],
    });
    // Workers and API reach S3 without the NAT gateway.
    vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });

    // The ALB address is a token, resolved by CloudFormation into the buckets' CORS rule.
    const origins: string[] = [];
    const storage = new Storage(this, 'Storage', {
      corsOrigins: origins,
      inputRetentionDays: props.inputRetentionDays ?? 30,
      outputRetentionDays: props.outputRetentionDays ?? 365,
      leaseSeconds,
      maxReceiveCount: props.maxReceiveCount ?? 5,
    });
    const database = new Database(this, 'Database', {
      vpc,
      instanceType:
        props.dbInstanceType ?? ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MICRO),
      multiAz: props.multiAz ?? false,
    });
    const services = new Services(this, 'Services', {
      vpc,
      image: props.image,
      storage,
      database,
      ...(props.certificateArn ? { certificateArn: props.certificateArn } : {}),
      leaseSeconds,
      apiMinTasks: 2,
      apiMaxTasks: 6,
      workerMaxTasks: props.workerMaxTasks ?? 10,
      workerConcurrency: props.workerConcurrency ?? 2,
    });
    const scheme = props.certificateArn ? 'https' : 'http';
    origins.push(props.publicOrigin ?? `${scheme}://${services.api.loadBalancer.loadBalancerDnsName}`);
    new Alarms(this, 'Alarms', {
      storage,
      services,
      ...(props.alarmEmail ? { alarmEmail: props.alarmEmail } : {}),
    });

    new CfnOutput(this, 'Url', { value: `${scheme}://${services.api.loadBalancer.loadBalancerDnsName}` });
    new CfnOutput(this, 'InputsBucket', { value: storage.inputs.bucketName });
    new CfnOutput(this, 'OutputsBucket', { value: storage.outputs.bucketName });
    new CfnOutput(this, 'QueueUrl', { value: storage.queue.queueUrl });
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: storage.deadLetters.queueUrl });
    new CfnOutput(this, 'ApiLogGroup', { value: services.apiLogs.logGroupName });
    new CfnOutput(this, 'WorkerLogGroup', { value: services.workerLogs.logGroupName });
    new CfnOutput(this, 'DatabaseSecret', { value: database.instance.secret!.secretName });
  }
}
