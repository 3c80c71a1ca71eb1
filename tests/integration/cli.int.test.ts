/** The `zerosec` CLI against a real server: run a job end to end, list it, and fail clearly on bad input. */
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { main } from '../../backend/cli/main.js';
import type { CliIo } from '../../backend/cli/cli-io.js';
import { startTestBackend, type TestBackend } from '../support/test-backend.js';
import { linearCsv } from '../support/upload.js';

let backend: TestBackend;
let workDir: string;

beforeAll(async () => {
  backend = await startTestBackend();
  workDir = await mkdtemp(path.join(os.tmpdir(), 'zerosec-cli-'));
});
afterAll(async () => {
  await backend?.dispose();
  await rm(workDir, { recursive: true, force: true });
});

async function zerosec(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (t) => void (stdout += t) },
    stderr: { write: (t) => void (stderr += t), isTTY: false, columns: 80 },
    env: { ZEROSEC_SERVER_URL: backend.url },
    cwd: workDir,
    onShutdownSignal: () => () => undefined,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

describe('zerosec CLI', () => {
  it('run: uploads a Shift-JIS file, follows the job and downloads every artifact (exit 0)', async () => {
    const file = path.join(workDir, '実験結果.csv');
    await writeFile(
      file,
      iconv.encode(linearCsv(40).replace('a,b,y', '回転速度,送り速度,摩耗量'), 'Shift_JIS'),
    );
    const out = path.join(workDir, 'out');
    const r = await zerosec('run', 'linear_analysis', file, '--param', 'target_column=摩耗量', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const files = (await readdir(out)).sort();
    expect(files).toEqual(expect.arrayContaining(['coefficients.csv', 'result.json']));
    const result = JSON.parse(await readFile(path.join(out, 'result.json'), 'utf8')) as {
      job_type: string;
      job_id: string;
    };
    expect(result.job_type).toBe('linear_analysis');
    expect(r.stdout).toContain(path.join(out, 'result.json'));

    const jobs = await zerosec('jobs', '--json');
    expect(jobs.code).toBe(0);
    expect(
      (JSON.parse(jobs.stdout) as { jobs: Array<{ job_id: string }> }).jobs.map((j) => j.job_id),
    ).toContain(result.job_id);
    const status = await zerosec('status', result.job_id, '--json');
    expect((JSON.parse(status.stdout) as { status: string }).status).toBe('completed');
  });

  it('a job that fails on its input exits 1 and prints the reason naming the column', async () => {
    const file = path.join(workDir, 'bad.csv');
    await writeFile(file, 'a,y\n1,2\n2,x\n3,4\n');
    const r = await zerosec(
      'run',
      'linear_analysis',
      file,
      '--param',
      'target_column=y',
      '--out',
      path.join(workDir, 'bad-out'),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Row 3.*"y"/s);
  });

  it('bad parameters and unknown job types exit 2 before anything is uploaded, naming the field', async () => {
    const file = path.join(workDir, 'ok.csv');
    await writeFile(file, linearCsv(10));
    const bad = await zerosec(
      'run',
      'linear_analysis',
      file,
      '--param',
      'cv_splits=1',
      '--param',
      'target_column=y',
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('cv_splits');
    const unknown = await zerosec('run', 'astrology', file);
    expect(unknown.code).toBe(2);
    expect((await zerosec('status', 'not-a-uuid')).code).toBe(2);
  });
});
