/** How jobs read in a terminal: one progress line while following, a detail block for `status`, a table for `jobs`. */
import type { JobStatus } from '../../src-shared/api/http.js';

/** `running  40%  fitting: Fitting model 2 of 5` */
export function formatStatusLine(status: JobStatus): string {
  const stage = [status.stage, status.message].filter((s): s is string => !!s).join(': ');
  const error = status.error ? `  ${status.error.code}: ${status.error.message}` : '';
  return `${status.status.padEnd(17)} ${`${Math.round(status.progress)}%`.padStart(4)}${stage ? `  ${stage}` : ''}${error}`;
}

export function formatStatusDetails(status: JobStatus): string {
  const rows: Array<[string, string | null]> = [
    ['job', status.job_id],
    ['type', status.job_type],
    ['status', `${status.status} (${Math.round(status.progress)}%)`],
    ['stage', status.stage],
    ['message', status.message],
    ['error', status.error ? `${status.error.code}: ${status.error.message}` : null],
    ['attempts', String(status.attempts)],
    ['input', status.input_key],
    ['parameters', JSON.stringify(status.parameters)],
    ['created', status.created_at],
    ['started', status.started_at],
    ['finished', status.finished_at],
  ];
  return rows
    .filter((row): row is [string, string] => row[1] !== null)
    .map(([key, value]) => `${key.padEnd(11)}${value}`)
    .join('\n');
}

export function formatJobTable(jobs: readonly JobStatus[]): string {
  const header = ['JOB ID', 'TYPE', 'STATUS', 'PROGRESS', 'STAGE', 'CREATED'];
  const rows = jobs.map((j) => [
    j.job_id,
    j.job_type,
    j.status,
    `${Math.round(j.progress)}%`,
    j.stage ?? '',
    j.created_at,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [header, ...rows]
    .map((cells) =>
      cells
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
