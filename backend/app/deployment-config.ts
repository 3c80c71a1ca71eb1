/**
 * Where a server deployment keeps files and how it queues jobs (BLOB_STORE, S3_*, QUEUE, SQS_*), validated once at
 * start so a missing bucket or queue URL stops the process with the variable's name instead of failing on first use.
 */
import { z } from 'zod';
import { ConfigError } from '../config/config.js';

const MiB = 1024 * 1024;
const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const url = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

const Variables = z.object({
  BLOB_STORE: z.enum(['fs', 's3']).default('fs'),
  S3_INPUTS_BUCKET: z.string().min(3).max(63).optional(),
  S3_OUTPUTS_BUCKET: z.string().min(3).max(63).optional(),
  S3_REGION: z.string().min(1).optional(),
  S3_ENDPOINT: url.optional(),
  S3_PUBLIC_ENDPOINT: url.optional(),
  S3_FORCE_PATH_STYLE: flag.default(false),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_MULTIPART_THRESHOLD_BYTES: z.coerce
    .number()
    .int()
    .min(5 * MiB)
    .default(100 * MiB),
  S3_PART_SIZE_BYTES: z.coerce
    .number()
    .int()
    .min(5 * MiB)
    .max(5 * 1024 * MiB)
    .default(16 * MiB),
  QUEUE: z.enum(['pg', 'sqs']).default('pg'),
  SQS_QUEUE_URL: url.optional(),
  SQS_DLQ_URL: url.optional(),
  SQS_REGION: z.string().min(1).optional(),
  SQS_ENDPOINT: url.optional(),
  SQS_ACCESS_KEY_ID: z.string().min(1).optional(),
  SQS_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  SQS_WAIT_TIME_SECONDS: z.coerce.number().int().min(0).max(20).default(20),
  SQS_RELAY_INTERVAL_MS: z.coerce.number().int().positive().default(1000),
  AWS_REGION: z.string().min(1).optional(),
});

/** Every variable this module reads, for documentation checks. */
export const DEPLOYMENT_VARIABLES = Object.keys(Variables.shape);

const EnvSchema = Variables.superRefine((e, ctx) => {
  const need = (name: keyof typeof e, when: string) => {
    if (e[name] === undefined)
      ctx.addIssue({ code: 'custom', path: [name], message: `required when ${when}` });
  };
  if (e.BLOB_STORE === 's3') {
    need('S3_INPUTS_BUCKET', 'BLOB_STORE=s3');
    need('S3_OUTPUTS_BUCKET', 'BLOB_STORE=s3');
  }
  if (e.QUEUE === 'sqs') {
    need('SQS_QUEUE_URL', 'QUEUE=sqs');
    need('SQS_DLQ_URL', 'QUEUE=sqs');
  }
  for (const [id, secret] of [
    ['S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'],
    ['SQS_ACCESS_KEY_ID', 'SQS_SECRET_ACCESS_KEY'],
  ] as const) {
    if ((e[id] === undefined) !== (e[secret] === undefined)) {
      const missing = e[id] === undefined ? id : secret;
      ctx.addIssue({
        code: 'custom',
        path: [missing],
        message: `required with ${id === missing ? secret : id}`,
      });
    }
  }
});

export interface S3Settings {
  inputsBucket: string;
  outputsBucket: string;
  region: string;
  endpoint?: string;
  publicEndpoint?: string;
  forcePathStyle: boolean;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  multipartThresholdBytes: number;
  partSizeBytes: number;
}

export interface SqsSettings {
  queueUrl: string;
  dlqUrl: string;
  region: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  waitTimeSeconds: number;
  relayIntervalMs: number;
}

export interface DeploymentConfig {
  blobStore: { kind: 'fs' } | ({ kind: 's3' } & S3Settings);
  queue: { kind: 'pg' } | ({ kind: 'sqs' } & SqsSettings);
}

const keys = (id?: string, secret?: string) =>
  id && secret ? { credentials: { accessKeyId: id, secretAccessKey: secret } } : {};

/** Validates `env`; throws a ConfigError listing every missing or invalid variable by name. */
export function loadDeploymentConfig(
  env: Record<string, string | undefined> = process.env,
): DeploymentConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const region = (own?: string) => own ?? e.AWS_REGION ?? 'us-east-1';
  return {
    blobStore:
      e.BLOB_STORE === 's3'
        ? {
            kind: 's3',
            inputsBucket: e.S3_INPUTS_BUCKET!,
            outputsBucket: e.S3_OUTPUTS_BUCKET!,
            region: region(e.S3_REGION),
            ...(e.S3_ENDPOINT ? { endpoint: e.S3_ENDPOINT } : {}),
            ...(e.S3_PUBLIC_ENDPOINT ? { publicEndpoint: e.S3_PUBLIC_ENDPOINT } : {}),
            forcePathStyle: e.S3_FORCE_PATH_STYLE,
            ...keys(e.S3_ACCESS_KEY_ID, e.S3_SECRET_ACCESS_KEY),
            multipartThresholdBytes: e.S3_MULTIPART_THRESHOLD_BYTES,
            partSizeBytes: e.S3_PART_SIZE_BYTES,
          }
        : { kind: 'fs' },
    queue:
      e.QUEUE === 'sqs'
        ? {
            kind: 'sqs',
            queueUrl: e.SQS_QUEUE_URL!,
            dlqUrl: e.SQS_DLQ_URL!,
            region: region(e.SQS_REGION),
            ...(e.SQS_ENDPOINT ? { endpoint: e.SQS_ENDPOINT } : {}),
            ...keys(e.SQS_ACCESS_KEY_ID, e.SQS_SECRET_ACCESS_KEY),
            waitTimeSeconds: e.SQS_WAIT_TIME_SECONDS,
            relayIntervalMs: e.SQS_RELAY_INTERVAL_MS,
          }
        : { kind: 'pg' },
  };
}
