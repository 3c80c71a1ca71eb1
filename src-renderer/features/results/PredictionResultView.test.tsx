// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Artifact } from '../../../src-shared/api/index.js';
import type { ApiClient } from '../../../src-shared/client/api-client.js';
import type * as SaveFile from '../../shared/save-file.js';
import { TestProviders } from '../../shared/TestProviders.js';
import { VIRTUAL_ROW_HEIGHT, visibleRange } from '../../shared/VirtualTable.js';
import fixture from './__fixtures__/prediction-result.json';
import { decodeResult } from './decode-result.js';
import type { PredictionResult } from './decode-result.js';
import { PredictionResultView, PredictionRowsTable } from './PredictionResultView.js';
import type { Cell } from './prediction-rows.js';

const saved = vi.hoisted(() => [] as { blob: Blob; name: string }[]);
vi.mock('../../shared/save-file.js', async (original) => ({
  ...(await original<typeof SaveFile>()),
  saveBlob: (blob: Blob, name: string) => saved.push({ blob, name }),
}));

const result = (decodeResult(fixture) as { result: PredictionResult }).result;
const csv = readFileSync(path.join(import.meta.dirname, '__fixtures__', 'prediction-rows.csv'), 'utf8');
const artifact: Artifact = {
  file_key: `outputs/${result.job_id}/predictions.csv`,
  file_name: 'predictions.csv',
  file_type: 'csv',
  content_type: 'text/csv; charset=utf-8',
  size_bytes: csv.length,
  sha256: '0'.repeat(64),
  created_at: '2026-11-30T01:00:07.000Z',
};

beforeEach(() => window.localStorage.setItem('zerosec.language', 'en'));
afterEach(() => {
  cleanup();
  saved.length = 0;
});

const bodyRows = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .filter((r) => r.hasAttribute('data-row'));

describe('<PredictionResultView>', () => {
  it("reads the rows from the job's predictions.csv into the body's columns, and exports them all", async () => {
    const client = {
      download: vi.fn(async () => ({
        bytes: new TextEncoder().encode(csv),
        fileName: 'predictions.csv',
        contentType: 'text/csv',
      })),
    } as unknown as ApiClient;
    render(
      <TestProviders client={client}>
        <PredictionResultView result={result} artifacts={[artifact]} />
      </TestProviders>,
    );
    const table = await screen.findByRole('table', { name: 'Predictions' }, { timeout: 10_000 });
    expect(table.getAttribute('aria-rowcount')).toBe(String(result.body.n + 1));
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual(['#', ...result.body.columns]);
    expect(bodyRows(table).length).toBeLessThan(result.body.n);
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV: Predictions' }));
    const lines = (await saved[0]!.blob.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(result.body.n + 1);
    expect(lines[1]).toBe(csv.split('\n')[1]);
  });

  it('says so when the job has no rows file, and shows the first rows from the result body instead', () => {
    render(
      <TestProviders>
        <PredictionResultView result={result} artifacts={[]} />
      </TestProviders>,
    );
    expect(screen.getByText('This job has no predictions CSV (predictions.csv).')).toBeTruthy();
    const preview = screen.getByRole('table', { name: 'First rows' });
    expect(bodyRows(preview)).toHaveLength(result.body.preview!.length);
    expect(bodyRows(preview)[0]!.textContent).toContain('0.119903');
  });

  it('shows the row counts, one row per target and the rows outside each training range', () => {
    render(
      <TestProviders>
        <PredictionResultView result={result} artifacts={[]} />
      </TestProviders>,
    );
    const counts = screen.getByRole('list', { name: 'Rows' });
    const card = (k: string) => counts.querySelector(`[data-count="${k}"] .metric-value`)!.textContent;
    expect(card('rows')).toBe('250');
    expect(card('out_of_range')).toBe(String(result.body.counts!.out_of_range));
    const dataRows = (table: HTMLElement) => within(table).getAllByRole('row').slice(1);
    const targets = screen.getByRole('table', { name: 'Targets' });
    expect(dataRows(targets)).toHaveLength(1);
    expect(dataRows(targets)[0]!.textContent).toContain('GP predictive sd');
    const features = screen.getByRole('table', { name: 'Training range and rows outside it' });
    const speed = dataRows(features).find((r) => r.textContent!.includes('回転速度'))!;
    expect(speed.textContent).toContain(String(result.body.features![0]!.n_above));
  });
});

describe('virtualised table', () => {
  const N = 100_000;
  const columns = ['x', 'y_pred', 'y_std', 'flag'];
  const rows: Cell[][] = Array.from({ length: N }, (_, i) => [i, i * 0.5, 0.1, i % 97 === 0 ? 'out' : null]);

  it('renders only the rows in view of 100,000, and follows the scroll', () => {
    const started = performance.now();
    render(
      <TestProviders>
        <PredictionRowsTable columns={columns} rows={rows} />
      </TestProviders>,
    );
    const table = screen.getByRole('table', { name: 'Predictions' });
    const first = bodyRows(table);
    expect(first.length).toBeLessThan(40);
    expect(first[0]!.getAttribute('data-row')).toBe('0');
    expect(performance.now() - started).toBeLessThan(2000);

    const scroller = screen.getByTestId('vtable-prediction-rows');
    scroller.scrollTop = 50_000 * VIRTUAL_ROW_HEIGHT;
    fireEvent.scroll(scroller);
    const after = bodyRows(table);
    expect(after.length).toBeLessThan(40);
    const shown = after.map((r) => Number(r.getAttribute('data-row')));
    expect(shown).toContain(50_000);
    expect(after.find((r) => r.getAttribute('data-row') === '50000')!.textContent).toContain('25000');
    // The spacers keep the scroll height of all rows.
    const spacers = table.querySelectorAll<HTMLElement>('tr.spacer');
    const spacerHeight = [...spacers].reduce((s, r) => s + parseFloat(r.style.height), 0);
    expect(spacerHeight + after.length * VIRTUAL_ROW_HEIGHT).toBe(N * VIRTUAL_ROW_HEIGHT);
  });

  it('computes the visible slice with overscan, clamped at both ends', () => {
    expect(visibleRange(0, 280, 28, 100)).toEqual({ start: 0, end: 18 });
    expect(visibleRange(28 * 50, 280, 28, 100)).toEqual({ start: 42, end: 68 });
    expect(visibleRange(28 * 99, 280, 28, 100)).toEqual({ start: 91, end: 100 });
    expect(visibleRange(0, 280, 28, 0)).toEqual({ start: 0, end: 0 });
  });
});
