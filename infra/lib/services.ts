/**
 * The two ECS Fargate services built from one image: the API behind an Application Load Balancer (HTTPS when a
 * certificate is given) and the workers, which have no ingress at all and scale with the queue, down to zero.
 */
import { Duration } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as patterns from 'aws-cdk-lib/aws-ecs-patterns';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { Database } from './database.js';
import type { Storage } from './storage.js';

export const API_PORT = 8710;

export interface ServicesProps {
  vpc: ec2.IVpc;
  image: ecs.ContainerImage;
  storage: Storage;
  database: Database;
  certificateArn?: string;
  leaseSeconds: number;
  apiMinTasks: number;
  apiMaxTasks: number;
  workerMaxTasks: number;
  workerConcurrency: number;
}

export class Services extends Construct {
  readonly api: patterns.ApplicationLoadBalancedFargateService;
  readonly worker: ecs.FargateService;
  readonly apiLogs: logs.LogGroup;
  readonly workerLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ServicesProps) {
    super(scope, id);
    const { storage, database } = props;
    const cluster = new ecs.Cluster(this, 'Cluster', {
      vpc: props.vpc,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
    });
    const db = database.containerSettings();
    const environment = {
      ...db.environment,
      ZEROSEC_HOST: '0.0.0.0',
      ZEROSEC_PORT: String(API_PORT),
      ZEROSEC_LOG_LEVEL: 'info',
      ZEROSEC_LEASE_SECONDS: String(props.leaseSeconds),
      BLOB_STORE: 's3',
      S3_INPUTS_BUCKET: storage.inputs.bucketName,
      S3_OUTPUTS_BUCKET: storage.outputs.bucketName,
      QUEUE: 'sqs',
      SQS_QUEUE_URL: storage.queue.queueUrl,
      SQS_DLQ_URL: storage.deadLetters.queueUrl,
    };
    const logGroup = (name: string) =>
      new logs.LogGroup(this, name, { retention: logs.RetentionDays.ONE_MONTH });
    this.apiLogs = logGroup('ApiLogs');
    this.workerLogs = logGroup('WorkerLogs');

    const certificate = props.certificateArn
      ? acm.Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn)
      : undefined;
    this.api = new patterns.ApplicationLoadBalancedFargateService(this, 'Api', {
      cluster,
      cpu: 512,
      memoryLimitMiB: 1024,
      desiredCount: props.apiMinTasks,
      minHealthyPercent: 100,
      publicLoadBalancer: true,
      taskSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      ...(certificate
        ? {
            certificate,
            protocol: elbv2.ApplicationProtocol.HTTPS,
            redirectHTTP: true,
            sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
          }
        : { protocol: elbv2.ApplicationProtocol.HTTP }),
      circuitBreaker: { rollback: true },
      taskImageOptions: {
        image: props.image,
        containerPort: API_PORT,
        command: ['--mode', 'api'],
        environment,
        secrets: db.secrets,
        logDriver: ecs.LogDrivers.awsLogs({ streamPrefix: 'api', logGroup: this.apiLogs }),
      },
    });
    this.api.targetGroup.configureHealthCheck({
      path: '/health',
      healthyHttpCodes: '200',
      interval: Duration.seconds(15),
    });
    this.api.service
      .autoScaleTaskCount({ minCapacity: props.apiMinTasks, maxCapacity: props.apiMaxTasks })
      .scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: 60 });

    const workerTask = new ecs.FargateTaskDefinition(this, 'WorkerTask', { cpu: 1024, memoryLimitMiB: 2048 });
    workerTask.addContainer('worker', {
      image: props.image,
      command: ['--mode', 'worker', '--concurrency', String(props.workerConcurrency)],
      environment,
      secrets: db.secrets,
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'worker', logGroup: this.workerLogs }),
      // SIGTERM, then this long to finish or hand back running jobs before SIGKILL.
      stopTimeout: Duration.seconds(120),
    });
    const workerSecurityGroup = new ec2.SecurityGroup(this, 'WorkerSecurityGroup', {
      vpc: props.vpc,
      description: 'zerosec workers: no ingress, outbound to RDS, S3 and SQS',
      allowAllOutbound: true,
    });
    this.worker = new ecs.FargateService(this, 'Worker', {
      cluster,
      taskDefinition: workerTask,
      desiredCount: 0,
      // Old workers hand their jobs back on SIGTERM, so a deployment may stop them before starting new ones.
      minHealthyPercent: 0,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      securityGroups: [workerSecurityGroup],
      circuitBreaker: { rollback: true },
    });

    // Workers follow the jobs waiting plus the jobs running: none at all means zero tasks.
    const backlog = new cloudwatch.MathExpression({
      expression: 'visible + running',
      usingMetrics: {
        visible: storage.queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }),
        running: storage.queue.metricApproximateNumberOfMessagesNotVisible({ period: Duration.minutes(1) }),
      },
      period: Duration.minutes(1),
    });
    const perTask = props.workerConcurrency;
    this.worker
      .autoScaleTaskCount({ minCapacity: 0, maxCapacity: props.workerMaxTasks })
      .scaleOnMetric('QueueDepth', {
        metric: backlog,
        adjustmentType: appscaling.AdjustmentType.EXACT_CAPACITY,
        scalingSteps: [
          { upper: 0, change: 0 },
          { lower: 1, change: 1 },
          { lower: perTask * 2 + 1, change: Math.min(3, props.workerMaxTasks) },
          { lower: perTask * 10 + 1, change: props.workerMaxTasks },
        ],
        cooldown: Duration.minutes(2),
        evaluationPeriods: 1,
      });

    for (const [service, bucketsRead, bucketsWrite] of [
      [this.api.taskDefinition, [storage.outputs], [storage.inputs]],
      [workerTask, [storage.inputs], [storage.outputs]],
    ] as const) {
      for (const b of bucketsRead) b.grantRead(service.taskRole);
      for (const b of bucketsWrite) b.grantReadWrite(service.taskRole);
      // Every process relays the outbox (send) and settles dead letters; workers also consume jobs.
      storage.queue.grantSendMessages(service.taskRole);
      storage.queue.grantConsumeMessages(service.taskRole);
      storage.deadLetters.grantConsumeMessages(service.taskRole);
    }
    database.instance.connections.allowDefaultPortFrom(this.api.service, 'API tasks');
    database.instance.connections.allowDefaultPortFrom(this.worker, 'worker tasks');
  }
}
