// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../../src-shared/logs/experiment-log-api.js';
import { TestProviders } from '../../shared/TestProviders.js';
import { ImportPreviewView } from './ImportPreviewView.js';

const preview: ImportPreview = {
  file_name: 'form.xlsx',
  file_sha256: 'a'.repeat(64),
  column_mapping: [
    { source: '実験日', canonical: '実験日' },
    { source: '上面ダレ', canonical: '上面ダレ量' },
    { source: 'メモ欄', canonical: null },
  ],
  counts: { insert: 2, update: 1, unchanged: 4, rejected: 1 },
  rows: [
    { row: 2, action: 'insert', key: { 実験日: '2026-11-01' }, changes: [], problems: [] },
    {
      row: 3,
      action: 'update',
      key: { 実験日: '2026-11-02' },
      changes: [{ column: '上面ダレ量', before: null, after: 0.25 }],
      problems: [],
    },
    { row: 4, action: 'unchanged', key: { 実験日: '2026-11-03' }, changes: [], problems: [] },
    {
      row: 5,
      action: 'rejected',
      key: { 実験日: '2026-11-04' },
      changes: [],
      problems: [
        {
          row: 5,
          column: 'A11',
          message: 'exactly one of A11, A13 must be 1',
          message_ja: 'A11, A13 のうちちょうど1つが1でなければなりません',
        },
      ],
    },
  ],
  warnings: [
    { code: 'ignored_column', message: 'Column メモ欄 is ignored', message_ja: '列 メモ欄 は無視します' },
  ],
  base_revision: 3,
};

afterEach(() => {
  cleanup();
  window.localStorage.clear();
});

function show(p: ImportPreview, language: 'ja' | 'en') {
  window.localStorage.setItem('zerosec.language', language);
  render(
    <TestProviders>
      <ImportPreviewView preview={p} />
    </TestProviders>,
  );
}

describe('<ImportPreviewView>', () => {
  it('shows the counts, the ignored header, changes and the problems in English', () => {
    show(preview, 'en');
    const counts = screen.getByTestId('import-counts');
    expect(within(counts).getByText('Insert').nextElementSibling?.textContent).toBe('2');
    expect(within(counts).getByText('Update').nextElementSibling?.textContent).toBe('1');
    expect(within(counts).getByText('Unchanged').nextElementSibling?.textContent).toBe('4');
    expect(within(counts).getByText('Rejected').nextElementSibling?.textContent).toBe('1');
    const problems = within(screen.getByTestId('import-problems')).getAllByRole('row');
    expect(problems[1]!.textContent).toBe('5A11exactly one of A11, A13 must be 1');
    expect(screen.getByText('Column メモ欄 is ignored')).toBeTruthy();
    const mapping = screen.getByTestId('column-mapping');
    expect(within(mapping).getByText('Ignored (not in the profile)').closest('tr')?.className).toBe(
      'ignored-column',
    );
    expect(within(mapping).getByText('→ 上面ダレ量')).toBeTruthy();
    const outcomes = within(screen.getByTestId('row-outcomes')).getAllByRole('row');
    // The unchanged row is only counted.
    expect(outcomes).toHaveLength(4);
    expect(screen.getByText('上面ダレ量: (empty) → 0.25')).toBeTruthy();
    expect(screen.queryByTestId('nothing-to-change')).toBeNull();
  });

  it('shows the same in Japanese, with the Japanese messages', () => {
    show(preview, 'ja');
    const counts = screen.getByTestId('import-counts');
    expect(within(counts).getByText('追加').nextElementSibling?.textContent).toBe('2');
    expect(within(counts).getByText('却下').nextElementSibling?.textContent).toBe('1');
    expect(
      within(screen.getByTestId('import-problems')).getByText(
        'A11, A13 のうちちょうど1つが1でなければなりません',
      ),
    ).toBeTruthy();
    expect(screen.getByText('列 メモ欄 は無視します')).toBeTruthy();
    expect(screen.getByText('上面ダレ量：（空） → 0.25')).toBeTruthy();
  });

  it('says there is nothing to change for a file already imported', () => {
    show(
      {
        ...preview,
        counts: { insert: 0, update: 0, unchanged: 7, rejected: 0 },
        rows: preview.rows.filter((r) => r.action === 'unchanged'),
        warnings: [],
      },
      'en',
    );
    expect(screen.getByTestId('nothing-to-change').textContent).toBe(
      'Nothing to change: the log already holds this file’s contents.',
    );
    expect(screen.queryByTestId('row-outcomes')).toBeNull();
  });
});
