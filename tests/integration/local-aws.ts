/**
 * Local stand-ins for S3 and SQS, both on 127.0.0.1 only:
 * - S3: @20minutes/s3rver (a maintained fork of s3rver). It recomputes every SigV4 signature, header and presigned
 *   query alike, with the secret of its built-in account (S3RVER/S3RVER): a changed signed header (content-type,
 *   content-length), method, key, query or expiry fails with SignatureDoesNotMatch, and an expired presigned URL with
 *   AccessDenied. It does not check that a body matches x-amz-content-sha256, nor the per-chunk signatures of
 *   aws-chunked uploads, and it enforces no bucket policy or CORS.
 * - SQS: fauxqs 1.9.2's app, listened on 127.0.0.1 by us (its own startFauxqs binds 0.0.0.0). It implements long
 *   polling, visibility timeouts, ChangeMessageVisibility and RedrivePolicy (maxReceiveCount → DLQ); it does not
 *   check signatures at all.
 */
import { createRequire } from 'node:module';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { buildApp as buildFauxqs } from 'fauxqs';

export const LOCAL_S3_KEY = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;
export const LOCAL_SQS_KEY = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverConstructor = new (options: {
  address: string;
  port: number;
  silent: boolean;
  directory: string;
  vhostBuckets: boolean;
  configureBuckets: Array<{ name: string }>;
}) => S3rverInstance;

export interface LocalS3 {
  endpoint: string;
  directory: string;
  stop(): Promise<void>;
}

export async function startLocalS3(buckets: string[]): Promise<LocalS3> {
  const S3rver = createRequire(import.meta.url)('@20minutes/s3rver') as S3rverConstructor;
  const directory = await mkdtemp(path.join(os.tmpdir(), 'zerosec-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    vhostBuckets: false,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  const address = await server.run();
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    directory,
    async stop() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

export interface LocalSqs {
  endpoint: string;
  client: SQSClient;
  /** Creates a queue and its dead-letter queue (after `maxReceiveCount` receives); returns both URLs. */
  createQueues(name: string, maxReceiveCount: number): Promise<{ queueUrl: string; dlqUrl: string }>;
  /** Visible plus in-flight messages. */
  depth(queueUrl: string): Promise<{ visible: number; inFlight: number }>;
  stop(): Promise<void>;
}

export async function startLocalSqs(): Promise<LocalSqs> {
  const app = buildFauxqs({ logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const endpoint = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const client = new SQSClient({ endpoint, region: 'us-east-1', credentials: LOCAL_SQS_KEY });
  return {
    endpoint,
    client,
    async createQueues(name, maxReceiveCount) {
      const dlq = await client.send(new CreateQueueCommand({ QueueName: `${name}-dlq` }));
      const dlqArn = (
        await client.send(
          new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl!, AttributeNames: ['QueueArn'] }),
        )
      ).Attributes!.QueueArn!;
      const q = await client.send(
        new CreateQueueCommand({
          QueueName: name,
          Attributes: {
            RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount }),
          },
        }),
      );
      return { queueUrl: q.QueueUrl!, dlqUrl: dlq.QueueUrl! };
    },
    async depth(queueUrl) {
      const a = await client.send(
        new GetQueueAttributesCommand({
          QueueUrl: queueUrl,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      );
      return {
        visible: Number(a.Attributes?.ApproximateNumberOfMessages ?? 0),
        inFlight: Number(a.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0),
      };
    },
    async stop() {
      client.destroy();
      await app.close();
    },
  };
}
