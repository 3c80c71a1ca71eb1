/** Server settings: defaults, the variables each choice requires, and errors that name the variable. */
import { describe, expect, it } from 'vitest';
import { loadDeploymentConfig } from './deployment-config.js';

const S3 = { BLOB_STORE: 's3', S3_INPUTS_BUCKET: 'zs-inputs', S3_OUTPUTS_BUCKET: 'zs-outputs' };
const SQS = {
  QUEUE: 'sqs',
  SQS_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/1/zs',
  SQS_DLQ_URL: 'https://sqs.eu-west-1.amazonaws.com/1/zs-dlq',
};

describe('loadDeploymentConfig', () => {
  it('defaults to the folder store and the table queue', () => {
    expect(loadDeploymentConfig({})).toEqual({ blobStore: { kind: 'fs' }, queue: { kind: 'pg' } });
  });

  it('reads S3 and SQS settings, with AWS_REGION as the fallback region', () => {
    const c = loadDeploymentConfig({
      ...S3,
      ...SQS,
      AWS_REGION: 'eu-west-1',
      S3_ENDPOINT: 'http://minio:9000',
      S3_PUBLIC_ENDPOINT: 'http://localhost:9000',
      S3_FORCE_PATH_STYLE: 'true',
      S3_ACCESS_KEY_ID: 'id',
      S3_SECRET_ACCESS_KEY: 'secret',
      SQS_WAIT_TIME_SECONDS: '5',
    });
    expect(c.blobStore).toEqual({
      kind: 's3',
      inputsBucket: 'zs-inputs',
      outputsBucket: 'zs-outputs',
      region: 'eu-west-1',
      endpoint: 'http://minio:9000',
      publicEndpoint: 'http://localhost:9000',
      forcePathStyle: true,
      credentials: { accessKeyId: 'id', secretAccessKey: 'secret' },
      multipartThresholdBytes: 100 * 1024 * 1024,
      partSizeBytes: 16 * 1024 * 1024,
    });
    expect(c.queue).toMatchObject({
      kind: 'sqs',
      region: 'eu-west-1',
      waitTimeSeconds: 5,
      relayIntervalMs: 1000,
    });
  });

  it.each([
    [
      { BLOB_STORE: 's3', S3_INPUTS_BUCKET: 'in' },
      /S3_INPUTS_BUCKET: .*\n\s+S3_OUTPUTS_BUCKET: required when BLOB_STORE=s3/,
    ],
    [{ BLOB_STORE: 'gcs' }, /BLOB_STORE: Invalid option: expected one of "fs"\|"s3"/],
    [{ QUEUE: 'sqs', SQS_QUEUE_URL: 'https://q' }, /SQS_DLQ_URL: required when QUEUE=sqs/],
    [{ ...SQS, SQS_QUEUE_URL: 'not a url' }, /SQS_QUEUE_URL: must be an http\(s\) URL/],
    [{ ...SQS, SQS_WAIT_TIME_SECONDS: '30' }, /SQS_WAIT_TIME_SECONDS: /],
    [{ ...S3, S3_ACCESS_KEY_ID: 'id' }, /S3_SECRET_ACCESS_KEY: required with S3_ACCESS_KEY_ID/],
    [{ ...S3, S3_PART_SIZE_BYTES: '1000' }, /S3_PART_SIZE_BYTES: /],
    [{ ...S3, S3_FORCE_PATH_STYLE: 'yes' }, /S3_FORCE_PATH_STYLE: /],
  ])('names the invalid variable: %j', (env, message) => {
    expect(() => loadDeploymentConfig(env)).toThrow(message);
  });
});
