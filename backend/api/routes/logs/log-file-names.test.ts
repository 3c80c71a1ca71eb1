/** File names of exports and job inputs made from a log name: safe as object keys, Japanese kept both ways. */
import { describe, expect, it } from 'vitest';
import { fileNameProblem } from '../../../core/object-keys.js';
import { fileNameOf } from '../../../../src-shared/client/log-client.js';
import { contentDisposition } from './export-route.js';
import { safeFileName } from './log-rows-file.js';

describe('log file names', () => {
  it.each([
    ['ブラシ試験 2025/03', 'ブラシ試験 2025_03.csv'],
    ['../../etc/passwd', '._._etc_passwd.csv'],
    ['  a:b*c?  ', 'a_b_c_.csv'],
    ['', 'experiment-log.csv'],
    ['CON', 'experiment-log.csv'],
    ['x'.repeat(300), `${'x'.repeat(100)}.csv`],
  ])('%j → %j, a safe single file name', (name, expected) => {
    const safe = safeFileName(name, 'csv');
    expect(safe).toBe(expected);
    expect(fileNameProblem(safe)).toBeNull();
  });

  it('Content-Disposition carries an ASCII fallback and the RFC 5987 name, which the client reads back', () => {
    const header = contentDisposition("ブラシ試験 (3月)'s.xlsx");
    expect(header).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''[A-Za-z0-9%._~-]+$/);
    expect(fileNameOf(header)).toBe("ブラシ試験 (3月)'s.xlsx");
    expect(fileNameOf('attachment; filename="plain.csv"')).toBe('plain.csv');
    expect(fileNameOf(null)).toBeNull();
  });
});
