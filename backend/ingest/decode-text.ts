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
    throw new TableError(
      'unreadable',
      looksLikeZip
        ? 'The file is not text: it looks like an Excel workbook. Give it the .xlsx extension.'
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
      `The file's text encoding is not recognised (it is neither UTF-8, UTF-16 nor Shift-JIS). ${UNSUPPORTED_HINT}`,
    );
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
