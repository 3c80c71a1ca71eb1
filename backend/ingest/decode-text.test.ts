import { errorOf } from './table-error.testing.js';
import { describe, it, expect } from 'vitest';
import iconv from 'iconv-lite';
import { decodeText } from './decode-text.js';

const text = 'a,b\n温度,1.5\n';

describe('decodeText', () => {
  it('reads UTF-8 without a BOM', () => {
    expect(decodeText(new TextEncoder().encode(text))).toEqual({ text, encoding: 'utf-8' });
  });

  it('strips a UTF-8 BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    expect(decodeText(bytes)).toEqual({ text, encoding: 'utf-8' });
  });

  it('reads UTF-16LE and UTF-16BE by their BOM, without the BOM in the text', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf16-be')]);
    expect(decodeText(le)).toEqual({ text, encoding: 'utf-16le' });
    expect(decodeText(be)).toEqual({ text, encoding: 'utf-16be' });
  });

  it('falls back to Shift-JIS when the bytes are not UTF-8', () => {
    const sjis = iconv.encode('回転速度,送り速度\nｱｲｳ,１\n', 'Shift_JIS');
    expect(decodeText(sjis)).toEqual({ text: '回転速度,送り速度\nｱｲｳ,１\n', encoding: 'shift_jis' });
  });

  it('rejects binary data as unreadable', () => {
    const error = errorOf(() =>
      decodeText(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])),
    );
    expect(error.code).toBe('unreadable');
    expect(error.message).toBe(
      'The file is not text (it contains binary data). Save it as "CSV UTF-8" or as an Excel workbook (.xlsx).',
    );
  });

  it('recognises a workbook given a text extension', () => {
    const error = errorOf(() => decodeText(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00])));
    expect(error.code).toBe('unreadable');
    expect(error.message).toContain('looks like an Excel workbook');
  });

  it('rejects bytes that are neither UTF-8 nor Shift-JIS', () => {
    // 0x85 0x40 is an unassigned Shift-JIS lead/trail pair and invalid UTF-8.
    const error = errorOf(() => decodeText(new Uint8Array([0x61, 0x85, 0x40, 0x0a])));
    expect(error.code).toBe('unreadable');
    expect(error.message).toContain('neither UTF-8, UTF-16 nor Shift-JIS');
  });
});
