/**
 * Reads the dates people type or Excel writes into one stored form: `YYYY-MM-DD`, or `YYYY-MM-DDTHH:mm:ss` when
 * the time is not midnight (so `2025-10-29 00:00:00`, `2025/10/29`, `2025年10月29日` and Excel serial 45959 are
 * all `2025-10-29`). No time zones: a form's date is a wall-clock date, as in Excel.
 *
 * Accepted (after NFKC normalisation, so full-width digits work):
 * - `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY年M月D日`, month and day with one or two digits, optionally followed by a
 *   time `HH:mm`, `HH:mm:ss` or `HH:mm:ss.fff` (separated by a space or `T`; fractions of a second dropped);
 * - an Excel serial number from 20000 to 80000 (1954-10-03 to 2119-01-11), a fraction being the time of day.
 *   Smaller numbers are far more likely a typo or a measurement than a date, so they are rejected. Serials in
 *   that range are days since 1899-12-30: Excel's fictitious 1900-02-29 (serial 60) lies far below it.
 * Anything else, and impossible dates such as 2025-02-30, give null.
 */

const DATE_TIME =
  /^(\d{4})(?:-(\d{1,2})-(\d{1,2})|\/(\d{1,2})\/(\d{1,2})|年(\d{1,2})月(\d{1,2})日)(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;
const SERIAL = /^\d+(?:\.\d+)?$/;
const MIN_SERIAL = 20_000;
const MAX_SERIAL = 80_000;
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function format(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): string | null {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 2025-02-30 over into March; a rolled-over date was not a real one.
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  if (hour === 0 && minute === 0 && second === 0) return date;
  return `${date}T${pad(hour)}:${pad(minute)}:${pad(second)}`;
}

function fromSerial(serial: number): string | null {
  if (serial < MIN_SERIAL || serial > MAX_SERIAL) return null;
  // Round to the second first, so 45959.99999999 (a time just before midnight in binary) stays sensible.
  const ms = EXCEL_EPOCH_MS + Math.round(serial * 86_400) * 1000;
  const d = new Date(ms);
  const secondsOfDay = Math.round((ms - Math.floor(ms / DAY_MS) * DAY_MS) / 1000);
  return format(
    d.getUTCFullYear(),
    d.getUTCMonth() + 1,
    d.getUTCDate(),
    Math.floor(secondsOfDay / 3600),
    Math.floor((secondsOfDay % 3600) / 60),
    secondsOfDay % 60,
  );
}

/** A cell's text as a stored date (`YYYY-MM-DD` or `YYYY-MM-DDTHH:mm:ss`), or null when it is not a date. */
export function parseDateCell(raw: string): string | null {
  const text = raw.normalize('NFKC').trim();
  if (SERIAL.test(text)) return fromSerial(Number(text));
  const m = DATE_TIME.exec(text);
  if (m === null) return null;
  const month = m[2] ?? m[4] ?? m[6];
  const day = m[3] ?? m[5] ?? m[7];
  return format(
    Number(m[1]),
    Number(month),
    Number(day),
    Number(m[8] ?? 0),
    Number(m[9] ?? 0),
    Number(m[10] ?? 0),
  );
}

/** The ISO day (`YYYY-MM-DD`) of a stored or typed date value, or null when it is not a date. */
export function isoDayOf(value: string | number): string | null {
  return parseDateCell(String(value))?.slice(0, 10) ?? null;
}
