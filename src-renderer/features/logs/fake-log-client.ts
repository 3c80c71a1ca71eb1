/** For log screen tests: a small profile, a log following it, and an API client whose `logs` calls are mocks. */
import { vi } from 'vitest';
import type { ApiClient } from '../../../src-shared/client/api-client.js';
import type { LogClient } from '../../../src-shared/client/log-client.js';
import { DomainProfile } from '../../../src-shared/logs/domain-profile.js';
import type { ExperimentLog, LogRow } from '../../../src-shared/logs/experiment-log-api.js';

export const LOG_ID = '22222222-2222-4222-8222-222222222222';

export const testProfile: DomainProfile = DomainProfile.parse({
  id: 'test-profile',
  version: 1,
  name: { ja: 'テスト', en: 'Test' },
  columns: [
    { name: '実験日', type: 'date', role: 'date' },
    { name: 'A11', type: 'number', role: 'one_hot' },
    { name: 'A13', type: 'number', role: 'one_hot' },
    { name: '材料', type: 'category', role: 'factor' },
    { name: '送り速度', type: 'number', role: 'factor', unit: 'mm/min' },
    { name: '上面ダレ量', type: 'number', role: 'response', unit: 'mm' },
  ],
  one_hot_groups: [{ name: 'ブラシ', columns: ['A11', 'A13'] }],
  derived: [{ name: '加工時間', type: 'number', expression: '100 / 送り速度 * 60', unit: 's' }],
  key_columns: ['実験日', '送り速度'],
  date_column: '実験日',
});

export const testLog: ExperimentLog = {
  log_id: LOG_ID,
  name: 'ライン1',
  description: null,
  profile: testProfile,
  key_columns: testProfile.key_columns,
  row_count: 3,
  revision: 3,
  created_at: '2026-11-01T00:00:00.000Z',
  updated_at: '2026-11-02T00:00:00.000Z',
};

export function row(index: number, values: LogRow['values'], status: LogRow['status'] = 'done'): LogRow {
  return {
    row_id: `33333333-3333-4333-8333-${String(index).padStart(12, '0')}`,
    status,
    values,
    revision: 1,
    planned_by_job: null,
  };
}

export type FakeLogClient = { [K in keyof LogClient]: ReturnType<typeof vi.fn> };

export function fakeLogClient(overrides: Partial<FakeLogClient> = {}) {
  const logs: FakeLogClient = {
    listProfiles: vi.fn().mockResolvedValue([testProfile]),
    saveProfile: vi.fn(),
    listLogs: vi.fn().mockResolvedValue([testLog]),
    createLog: vi.fn().mockResolvedValue(testLog),
    getLog: vi.fn().mockResolvedValue(testLog),
    listRows: vi.fn().mockResolvedValue({ rows: [], total: 0, revision: 3 }),
    importFile: vi.fn(),
    listRevisions: vi.fn().mockResolvedValue([]),
    restore: vi.fn(),
    listViews: vi.fn().mockResolvedValue([]),
    createView: vi.fn(),
    deleteView: vi.fn().mockResolvedValue(undefined),
    makeJobInput: vi.fn(),
    exportRows: vi.fn(),
    planFromJob: vi.fn(),
    ...overrides,
  };
  const client = { logs } as unknown as ApiClient;
  return { client, logs, asLogClient: logs as unknown as LogClient };
}
