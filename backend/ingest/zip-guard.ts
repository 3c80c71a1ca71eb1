/**
 * Refuses zip bombs before exceljs (JSZip) inflates a workbook whole: a 1 MB upload must not cost a gigabyte of
 * memory and twenty seconds of a worker, nor end in an unhelpful "Invalid string length".
 *
 * Glossary: an *entry* is one file inside the zip; its *inflated size* is counted while inflating in small steps,
 * never taken from the (forgeable) sizes written in the zip's headers.
 */
import { Inflate } from 'fflate';
import { TableError } from './table-error.js';

/** Most bytes all entries of one workbook may inflate to. */
export const MAX_INFLATED_BYTES = 512 * 1024 * 1024;
/** An entry may inflate to this many times the compressed bytes read so far (real worksheets stay well under 100). */
export const MAX_RATIO = 200;
/** Below this inflated size the ratio is not checked (tiny, highly repetitive parts are normal). */
const RATIO_FLOOR_BYTES = 16 * 1024 * 1024;
/** Compressed bytes pushed per step, so one step inflates at most about 1032 times this. */
const STEP_BYTES = 4096;

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

/**
 * Throws TableError('unreadable') when a deflated entry inflates beyond the limits. Leaves malformed zips to
 * the real reader, which reports them itself. Does not mutate `bytes`.
 */
export function checkZipBomb(bytes: Uint8Array, maxInflatedBytes = MAX_INFLATED_BYTES): void {
  const entries = centralDirectory(bytes);
  if (!entries) return;
  let total = 0;
  for (const entry of entries) {
    const start = dataStart(bytes, entry);
    if (start === null || entry.method !== 8) continue;
    const data = bytes.subarray(start, Math.min(bytes.length, start + entry.compressedSize));
    let inflated = 0;
    // Compressed bytes consumed so far: the ratio is checked as we go, so a bomb stops after a few MiB.
    let pushed = 0;
    const inflate = new Inflate((chunk) => {
      inflated += chunk.length;
      total += chunk.length;
      if (total > maxInflatedBytes) {
        throw new TableError(
          'unreadable',
          `The workbook expands to more than ${mib(maxInflatedBytes)} when unzipped (at part "${entry.name}"), more than can be read. Export the sheet as "CSV UTF-8" instead.`,
        );
      }
      if (inflated > RATIO_FLOOR_BYTES && inflated > MAX_RATIO * Math.max(1, pushed)) {
        throw bomb(entry.name);
      }
    });
    try {
      for (let at = 0; at < data.length; at += STEP_BYTES) {
        pushed = Math.min(data.length, at + STEP_BYTES);
        inflate.push(data.subarray(at, at + STEP_BYTES), at + STEP_BYTES >= data.length);
      }
    } catch (error) {
      if (error instanceof TableError) throw error;
      // Corrupt deflate data: the workbook reader reports it; the other parts are still checked.
      continue;
    }
  }
}

function bomb(name: string): TableError {
  return new TableError(
    'unreadable',
    `The workbook part "${name}" expands to more than ${MAX_RATIO} times its compressed size (a zip bomb, or a corrupt file). Save the workbook again from Excel, or export the sheet as "CSV UTF-8".`,
  );
}

function mib(n: number): string {
  return `${Math.round(n / 1024 / 1024)} MiB`;
}

/** The entries listed in the central directory, or null when the end record is missing or inconsistent. */
function centralDirectory(bytes: Uint8Array): Entry[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is 22 bytes plus a comment of up to 65535 bytes.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries: Entry[] = [];
  for (let k = 0; k < count; k++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return null;
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    entries.push({
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      localOffset: view.getUint32(at + 42, true),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Where an entry's compressed data begins, after its local header; null when the header is not there. */
function dataStart(bytes: Uint8Array, entry: Entry): number | null {
  const at = entry.localOffset;
  if (at + 30 > bytes.length) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(at, true) !== 0x04034b50) return null;
  return at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
}
