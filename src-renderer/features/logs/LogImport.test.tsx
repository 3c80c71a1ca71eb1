// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../../../src-shared/client/api-client.js';
import type { ImportPreview, ImportResponse } from '../../../src-shared/logs/experiment-log-api.js';
import { TestProviders } from '../../shared/TestProviders.js';
import { fakeSubmitClient } from '../analysis/fake-submit-client.js';
import { fakeLogClient, LOG_ID, testLog } from './fake-log-client.js';
import { LogImport } from './LogImport.js';

const preview = (counts: ImportPreview['counts']): ImportPreview => ({
  file_name: 'filled.csv',
  file_sha256: 'b'.repeat(64),
  column_mapping: [{ source: '送り速度', canonical: '送り速度' }],
  counts,
  rows: [],
  warnings: [],
  base_revision: 3,
});

beforeEach(() => window.localStorage.setItem('zerosec.language', 'en'));
afterEach(cleanup);

function mount(first: ImportResponse, second?: ImportResponse) {
  const upload = fakeSubmitClient();
  const fake = fakeLogClient();
  fake.logs.importFile.mockResolvedValueOnce(first);
  if (second) fake.logs.importFile.mockResolvedValueOnce(second);
  const client = { ...upload, logs: fake.logs } as unknown as ApiClient;
  const { container } = render(
    <TestProviders client={client}>
      <LogImport logs={fake.asLogClient} log={testLog} />
    </TestProviders>,
  );
  const input = container.querySelector<HTMLInputElement>('input[type=file]')!;
  fireEvent.change(input, {
    target: { files: [new File(['送り速度\n500\n'], 'filled.csv', { type: 'text/csv' })] },
  });
  return { upload, logs: fake.logs };
}

describe('<LogImport>', () => {
  it('uploads the file, previews it, and commits the same upload as a revision', async () => {
    const revision = {
      revision: 4,
      kind: 'import' as const,
      created_by: null,
      created_at: '2026-11-30T00:00:00.000Z',
      summary: { inserted: 1, updated: 0, unchanged: 0, rejected: 0, removed: 0 },
      file_name: 'filled.csv',
      restored_to: null,
      job_id: null,
      note: 'line 2',
    };
    const counts = { insert: 1, update: 0, unchanged: 0, rejected: 0 };
    const { upload, logs } = mount(
      { preview: preview(counts), revision: null },
      { preview: preview(counts), revision },
    );
    await screen.findByTestId('import-preview');
    expect(upload.presignUpload).toHaveBeenCalledWith(
      expect.objectContaining({ filename: 'filled.csv', content_type: 'text/csv' }),
    );
    const key = (await upload.presignUpload.mock.results[0]!.value).key as string;
    expect(logs.importFile).toHaveBeenCalledWith(LOG_ID, { input_key: key, commit: false });

    fireEvent.change(screen.getByLabelText('Note (optional, kept in the history)'), {
      target: { value: 'line 2' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Commit the import' }));
    expect((await screen.findByTestId('import-done')).textContent).toContain(
      'Imported as revision 4 (1 inserted, 0 updated, 0 rejected).',
    );
    expect(logs.importFile).toHaveBeenLastCalledWith(LOG_ID, {
      input_key: key,
      commit: true,
      note: 'line 2',
    });
  });

  it('offers no commit when the file changes nothing, and Cancel goes back to choosing a file', async () => {
    const { logs } = mount({
      preview: preview({ insert: 0, update: 0, unchanged: 3, rejected: 0 }),
      revision: null,
    });
    expect((await screen.findByTestId('nothing-to-change')).textContent).toContain('Nothing to change');
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Commit the import' }).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByTestId('import-preview')).toBeNull());
    expect(screen.getByRole('button', { name: 'Choose file' })).toBeTruthy();
    expect(logs.importFile).toHaveBeenCalledTimes(1);
    vi.clearAllMocks();
  });
});
