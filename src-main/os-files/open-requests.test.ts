import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { filesFromArgv, OpenQueue } from './open-requests.js';

describe('files from the command line', () => {
  it('takes data files (relative to the launch folder) and skips switches and the app itself', () => {
    const cwd = path.resolve('/home/a');
    expect(
      filesFromArgv(
        ['/opt/0.00sec/zerosec', '--no-sandbox', 'data/実験.csv', '/tmp/b.XLSX', 'notes.pdf', '.'],
        cwd,
      ),
    ).toEqual([path.resolve(cwd, 'data/実験.csv'), path.resolve('/tmp/b.XLSX')]);
  });
});

describe('OpenQueue', () => {
  it('holds files until the page is ready, then delivers directly', () => {
    const queue = new OpenQueue();
    queue.push(['/a.csv', '/readme.md']);
    queue.push(['/b.tsv']);
    const deliver = vi.fn();
    queue.ready(deliver);
    expect(deliver).toHaveBeenCalledWith(['/a.csv', '/b.tsv']);
    queue.push(['/c.xlsx']);
    expect(deliver).toHaveBeenLastCalledWith(['/c.xlsx']);
    queue.push(['/d.exe']);
    expect(deliver).toHaveBeenCalledTimes(2);
  });
});
