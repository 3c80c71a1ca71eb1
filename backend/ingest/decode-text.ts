/** Turns the bytes of a text table into a string, since Japanese plants still export Shift-JIS and Excel writes UTF-16. */
import type { TextEncoding } from './table.js';
import { TableError } from './table-error.js';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
}

const UNSUPPORTED_HINT = 'Save it as "CSV UTF-8" or as an Excel workbook (.xlsx).';

/**
 * Decodes by BOM (UTF-8, UTF-16LE, UTF-16BE), otherwise strict UTF-8, otherwise strict Shift-JIS.
 * The BOM is never part of the returned text. Does not mutate `bytes`.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    return decodeWithBom('utf-8', bytes.subarray(3));
  }
  if (startsWith(bytes, [0xff, 0xfe])) {
    return decodeWithBom('utf-16le', bytes.subarray(2));
  }
  if (startsWith(bytes, [0xfe, 0xff])) {
    return decodeWithBom('utf-16be', bytes.subarray(2));
  }
  if (bytes.includes(0)) {
    const looksLikeZip = startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);
    const utf16 = looksLikeZip ? null : utf16WithoutBom(bytes);
    throw new TableError(
      'unreadable',
      looksLikeZip
        ? 'The file is not text: it looks like an Excel workbook. Give it the .xlsx extension.'
        : utf16
          ? `The file looks like ${utf16} text without a byte order mark (BOM), so its encoding cannot be told for sure. ${UNSUPPORTED_HINT}`
          : `The file is not text (it contains binary data). ${UNSUPPORTED_HINT}`,
    );
  }
  try {
    return { text: decode('utf-8', bytes), encoding: 'utf-8' };
  } catch {
    // Not valid UTF-8: the usual alternative for Japanese Windows exports.
  }
  try {
    return { text: decode('shift_jis', bytes), encoding: 'shift_jis' };
  } catch {
    throw new TableError(
      'unreadable',
      `The file's text encoding is not recognised (it is neither UTF-8, UTF-16 nor Shift-JIS). ${undecodableLines(bytes)}${UNSUPPORTED_HINT}`,
    );
  }
}

/**
 * 'UTF-16LE' or 'UTF-16BE' when the zero bytes sit almost only at odd (LE) or even (BE) offsets of the first
 * 4 KiB, as they do for mostly-ASCII UTF-16 text; null otherwise.
 */
function utf16WithoutBom(bytes: Uint8Array): 'UTF-16LE' | 'UTF-16BE' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros >= 0.6 * pairs && evenZeros <= 0.05 * pairs) return 'UTF-16LE';
  if (evenZeros >= 0.6 * pairs && oddZeros <= 0.05 * pairs) return 'UTF-16BE';
  return null;
}

/**
 * Names the first lines that defeat each decoder, so a file that mixes encodings (a UTF-8 line pasted into a
 * Shift-JIS export) can be repaired: "Line 8 is UTF-8 but line 2 is Shift-JIS: …".
 */
function undecodableLines(bytes: Uint8Array): string {
  let firstNotUtf8: number | null = null;
  let firstNotSjis: number | null = null;
  let firstNeither: number | null = null;
  let line = 1;
  let start = 0;
  const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const sjisDecoder = new TextDecoder('shift_jis', { fatal: true, ignoreBOM: true });
  // Stops as soon as the answer is known, so a large file is not decoded line by line to its end.
  const done = () => firstNeither !== null || (firstNotUtf8 !== null && firstNotSjis !== null);
  for (let i = 0; i <= bytes.length && !done(); i++) {
    if (i < bytes.length && bytes[i] !== 0x0a) continue;
    const slice = bytes.subarray(start, i);
    const utf8 = canDecode(utf8Decoder, slice);
    const sjis = canDecode(sjisDecoder, slice);
    if (!utf8 && !sjis) firstNeither = line;
    if (!utf8) firstNotUtf8 ??= line;
    if (!sjis) firstNotSjis ??= line;
    line++;
    start = i + 1;
  }
  if (firstNeither !== null) return `Line ${firstNeither} is the first that is neither. `;
  if (firstNotUtf8 !== null && firstNotSjis !== null) {
    return (
      `The file mixes encodings: line ${firstNotUtf8} is Shift-JIS (not UTF-8) but line ${firstNotSjis} is ` +
      'UTF-8 (not Shift-JIS). Re-save every part in one encoding. '
    );
  }
  return '';
}

function canDecode(decoder: InstanceType<typeof TextDecoder>, bytes: Uint8Array): boolean {
  try {
    decoder.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function decodeWithBom(encoding: TextEncoding, body: Uint8Array): DecodedText {
  try {
    return { text: decode(encoding, body), encoding };
  } catch {
    throw new TableError(
      'unreadable',
      `The file starts with a ${encoding.toUpperCase()} byte order mark but is not valid ${encoding.toUpperCase()} text. ${UNSUPPORTED_HINT}`,
    );
  }
}

function decode(label: string, bytes: Uint8Array): string {
  // ignoreBOM: the BOM has already been removed; a second one would be data.
  return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}
