/** `zerosec serve` as a real process refuses to start with a missing or invalid setting and says which one. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function serve(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string }> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(DATABASE_URL|BLOB_STORE|QUEUE|S3_|SQS_|ZEROSEC_)/.test(k),
    ),
  );
  const child = spawn(process.execPath, ['--import', 'tsx', 'backend/cli/main.ts', 'serve', ...args], {
    cwd: ROOT,
    env: { ...clean, ZEROSEC_LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
}

describe('zerosec serve start-up errors', () => {
  it('names the missing SQS variable and exits 2 before touching anything', async () => {
    const r = await serve(['--mode', 'worker'], {
      DATABASE_URL: 'postgres://nobody@127.0.0.1:9/none',
      QUEUE: 'sqs',
      SQS_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/1/zs',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('SQS_DLQ_URL: required when QUEUE=sqs');
  });

  it('names DATABASE_URL when an API process has none', async () => {
    const r = await serve(['--mode', 'api', '--port', '0'], { ZEROSEC_DATA_DIR: '/tmp/zerosec-never-used' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('set DATABASE_URL');
  });
});
