// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as SaveFile from '../../shared/save-file.js';
import { TestProviders } from '../../shared/TestProviders.js';
import classificationFixture from './__fixtures__/classification-result.json';
import nonlinearFixture from './__fixtures__/nonlinear-result.json';
import { ClassificationResultView } from './ClassificationResultView.js';
import { decodeResult } from './decode-result.js';
import type { ClassificationResult, NonlinearResult } from './decode-result.js';
import { NonlinearResultView } from './NonlinearResultView.js';

const saved = vi.hoisted(() => [] as { blob: Blob; name: string }[]);
vi.mock('../../shared/save-file.js', async (original) => ({
  ...(await original<typeof SaveFile>()),
  saveBlob: (blob: Blob, name: string) => saved.push({ blob, name }),
}));

beforeEach(() => window.localStorage.setItem('zerosec.language', 'en'));
afterEach(() => {
  cleanup();
  saved.length = 0;
});

const csvLines = async (i: number) =>
  (await saved[i]!.blob.text())
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');

describe('<NonlinearResultView>', () => {
  const result = (decodeResult(nonlinearFixture) as { result: NonlinearResult }).result;

  it('shows one row of metrics per target, a missing metric as a dash, and exports them as CSV', async () => {
    render(
      <TestProviders>
        <NonlinearResultView result={result} artifacts={[]} />
      </TestProviders>,
    );
    const table = screen.getByRole('table', { name: 'Metrics per target' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(result.body.targets.length + 1);
    expect(rows[1]!.textContent).toContain('摩耗量');
    expect(rows[2]!.textContent).toContain('—');
    expect(screen.getByRole('list', { name: 'Warnings' }).textContent).toContain('30 rows');
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV: Metrics per target' }));
    const lines = await csvLines(0);
    expect(lines[0]).toBe('Target,Model,oof_mae,oof_r2,oof_rmse,in_sample_r2');
    expect(lines).toHaveLength(3);
  });
});

describe('<ClassificationResultView>', () => {
  const result = (decodeResult(classificationFixture) as { result: ClassificationResult }).result;

  it('shows the metrics as cards and both thresholds, and exports them', async () => {
    render(
      <TestProviders>
        <ClassificationResultView result={result} artifacts={[]} />
      </TestProviders>,
    );
    expect(document.querySelector('[data-metric="tau_pos"]')!.textContent).toContain('0.712');
    expect(document.querySelector('[data-metric="tau_neg"]')!.textContent).toContain('0.184');
    expect(screen.getByText('Scores between 0.184 and 0.712 are gray (no decision).')).toBeTruthy();
    for (const name of Object.keys(result.body.metrics)) {
      expect(document.querySelector(`[data-metric="${name}"]`), name).toBeTruthy();
    }
    expect(document.querySelector('[data-metric="oof_mcc"]')!.textContent).toContain('—');
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV: Metrics' }));
    const lines = await csvLines(0);
    expect(lines).toHaveLength(Object.keys(result.body.metrics).length + 3);
    expect(lines).toContain('tau_pos,0.712');
  });
});
