/** Progress output differs by destination: a redrawn bar on a terminal, a few whole lines in a log. */
import { describe, expect, it } from 'vitest';
import { createUploadProgress, formatBytes } from './upload-progress.js';

function output(isTTY: boolean) {
  const out = { text: '', isTTY, columns: 100, write: (t: string) => void (out.text += t) };
  return out;
}

describe('createUploadProgress', () => {
  it('writes one line per quarter and a final line when not a terminal', () => {
    const out = output(false);
    const progress = createUploadProgress(out, 'd.csv');
    for (let sent = 0; sent <= 1000; sent += 50) progress.update(sent, 1000);
    progress.finish();
    progress.finish();
    expect(out.text.split('\n').filter(Boolean)).toEqual([
      'uploading d.csv:   0% of 1000 B',
      'uploading d.csv:  25% of 1000 B',
      'uploading d.csv:  50% of 1000 B',
      'uploading d.csv:  75% of 1000 B',
      'uploaded d.csv (1000 B)',
    ]);
    expect(out.text).not.toContain('\r');
  });

  it('redraws one line on a terminal, throttled, ending with a newline', () => {
    const out = output(true);
    let now = 0;
    const progress = createUploadProgress(out, 'd.csv', () => now);
    progress.update(0, 2048);
    progress.update(512, 2048); // within the redraw interval: skipped
    now = 500;
    progress.update(1024, 2048);
    progress.finish();
    const frames = out.text.split('\r').filter(Boolean);
    expect(frames).toHaveLength(3);
    expect(frames[1]).toContain('[############------------]  50% 1.0 KiB/2.0 KiB');
    expect(out.text.endsWith('100% 2.0 KiB/2.0 KiB\u001b[K\n')).toBe(true);
  });
});

describe('formatBytes', () => {
  it('uses binary units', () => {
    expect([0, 1023, 1024, 1536, 200 * 1024 * 1024].map(formatBytes)).toEqual([
      '0 B',
      '1023 B',
      '1.0 KiB',
      '1.5 KiB',
      '200 MiB',
    ]);
  });
});
