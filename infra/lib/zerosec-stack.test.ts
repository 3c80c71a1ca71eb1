/**
 * The synthesised CloudFormation, checked with aws-cdk-lib/assertions: encryption and blocked public access on every
 * bucket, the dead-letter queue wired with maxReceiveCount, workers scaling on queue depth down to zero, HTTPS when
 * a certificate is given, alarms, and no security group open to the world except the load balancer's listeners.
 */
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ZerosecStack } from './zerosec-stack.js';

const CERT = 'arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';

function synth(certificateArn?: string): Template {
  const app = new App();
  const stack = new ZerosecStack(app, 'Test', {
    image: ecs.ContainerImage.fromRegistry(
      '123456789012.dkr.ecr.eu-west-1.amazonaws.com/zerosec-backend:test',
    ),
    ...(certificateArn ? { certificateArn } : {}),
    alarmEmail: 'ops@example.com',
    env: { account: '123456789012', region: 'eu-west-1' },
  });
  return Template.fromStack(stack);
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;
const ofType = (t: Template, type: string) =>
  Object.entries(t.toJSON().Resources as Resources).filter(([, r]) => r.Type === type);

let https: Template;
let http: Template;
beforeAll(() => {
  https = synth(CERT);
  http = synth();
});

describe('ZerosecStack', () => {
  it('encrypts both buckets, blocks public access, enforces TLS and allows the UI to PUT and GET', () => {
    const buckets = ofType(https, 'AWS::S3::Bucket');
    expect(buckets).toHaveLength(2);
    https.allResourcesProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      CorsConfiguration: {
        CorsRules: [
          Match.objectLike({
            AllowedMethods: Match.arrayWith(['PUT', 'GET']),
            ExposedHeaders: ['ETag'],
            AllowedOrigins: [Match.objectLike({ 'Fn::Join': Match.anyValue() })],
          }),
        ],
      },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ ExpirationInDays: Match.anyValue(), Status: 'Enabled' }),
          Match.objectLike({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }),
        ]),
      },
    });
    expect(ofType(https, 'AWS::S3::BucketPolicy')).toHaveLength(2); // aws:SecureTransport denies
  });

  it('wires the job queue to its dead-letter queue after 5 receives, with the lease as visibility timeout', () => {
    const queues = ofType(https, 'AWS::SQS::Queue');
    expect(queues).toHaveLength(2);
    const [dlqId] = queues.find(([, q]) => !q.Properties?.RedrivePolicy)!;
    https.hasResourceProperties('AWS::SQS::Queue', {
      VisibilityTimeout: 60,
      ReceiveMessageWaitTimeSeconds: 20,
      SqsManagedSseEnabled: true,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] }, maxReceiveCount: 5 },
    });
  });

  it('keeps RDS PostgreSQL encrypted and private, its password in Secrets Manager', () => {
    https.hasResourceProperties('AWS::RDS::DBInstance', {
      Engine: 'postgres',
      StorageEncrypted: true,
      PubliclyAccessible: false,
      DeletionProtection: true,
    });
    https.resourceCountIs('AWS::SecretsManager::Secret', 1);
    https.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [
        Match.objectLike({
          Command: ['--mode', 'worker', '--concurrency', '2'],
          Secrets: Match.arrayWith([Match.objectLike({ Name: 'PGPASSWORD' })]),
          Environment: Match.arrayWith([
            { Name: 'BLOB_STORE', Value: 's3' },
            { Name: 'QUEUE', Value: 'sqs' },
          ]),
        }),
      ],
    });
  });

  it('scales the workers on queue depth (waiting plus running), from zero', () => {
    const workerService = ofType(https, 'AWS::ECS::Service').find(
      ([, s]) => s.Properties?.DesiredCount === 0,
    );
    expect(workerService).toBeDefined();
    https.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      MinCapacity: 0,
      MaxCapacity: 10,
      ResourceId: Match.objectLike({
        'Fn::Join': Match.arrayWith([Match.arrayWith([{ 'Fn::GetAtt': [workerService![0], 'Name'] }])]),
      }),
    });
    https.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      PolicyType: 'StepScaling',
      StepScalingPolicyConfiguration: Match.objectLike({ AdjustmentType: 'ExactCapacity' }),
    });
    const queueAlarms = ofType(https, 'AWS::CloudWatch::Alarm').filter(([, a]) =>
      JSON.stringify(a.Properties?.Metrics ?? []).includes('ApproximateNumberOfMessagesNotVisible'),
    );
    expect(queueAlarms.length).toBeGreaterThanOrEqual(2); // scale-out and scale-in
  });

  it('alarms on a non-empty dead-letter queue and on API 5xx, with logs kept a month', () => {
    https.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [Match.anyValue()],
    });
    https.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'HTTPCode_Target_5XX_Count' });
    https.resourceCountIs('AWS::Logs::LogGroup', 2);
    https.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  it('listens with HTTPS (and redirects HTTP) when a certificate is given, HTTP only otherwise', () => {
    https.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Protocol: 'HTTPS',
      Port: 443,
      Certificates: [{ CertificateArn: CERT }],
    });
    https.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 80,
      DefaultActions: [Match.objectLike({ Type: 'redirect' })],
    });
    expect(
      ofType(http, 'AWS::ElasticLoadBalancingV2::Listener').map(([, l]) => l.Properties?.Protocol),
    ).toEqual(['HTTP']);
  });

  it.each([
    ['with a certificate', () => https],
    ['without', () => http],
  ])('opens no security group to the world except the ALB listeners (%s)', (_name, template) => {
    const t = template();
    const albGroups = ofType(t, 'AWS::ElasticLoadBalancingV2::LoadBalancer').flatMap(([, lb]) =>
      (lb.Properties!.SecurityGroups as Array<{ 'Fn::GetAtt': [string, string] }>).map(
        (g) => g['Fn::GetAtt'][0],
      ),
    );
    const listenerPorts = ofType(t, 'AWS::ElasticLoadBalancingV2::Listener').map(
      ([, l]) => l.Properties!.Port,
    );
    const open: Array<{ group: string; port: unknown }> = [];
    for (const [id, sg] of ofType(t, 'AWS::EC2::SecurityGroup'))
      for (const rule of (sg.Properties?.SecurityGroupIngress as Array<Record<string, unknown>>) ?? [])
        if (rule.CidrIp === '0.0.0.0/0' || rule.CidrIpv6 === '::/0')
          open.push({ group: id, port: rule.FromPort });
    for (const [, rule] of ofType(t, 'AWS::EC2::SecurityGroupIngress')) {
      const p = rule.Properties!;
      if (p.CidrIp === '0.0.0.0/0' || p.CidrIpv6 === '::/0')
        open.push({ group: (p.GroupId as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0], port: p.FromPort });
    }
    expect(open.length).toBeGreaterThan(0);
    for (const o of open) {
      expect(albGroups).toContain(o.group);
      expect(listenerPorts).toContain(o.port);
    }
    // The database admits only the API and worker tasks, by security group.
    const dbIngress = ofType(t, 'AWS::EC2::SecurityGroupIngress').filter(
      ([, r]) =>
        JSON.stringify(r.Properties!.FromPort).includes('Endpoint.Port') || r.Properties!.FromPort === 5432,
    );
    expect(dbIngress).toHaveLength(2);
    for (const [, r] of dbIngress) expect(r.Properties!.SourceSecurityGroupId).toBeDefined();
  });
});
