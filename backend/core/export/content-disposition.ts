/**
 * RFC 6266 `Content-Disposition: attachment` for a download's file name: a plain ASCII name as `filename="…"`,
 * any other in RFC 5987 form. (Keeping the apostrophes of the RFC 5987 form out of plain names also keeps local
 * S3 stand-ins that mis-encode `'` in signatures usable.)
 */
export function contentDisposition(fileName: string): string {
  return /^[\x20-\x7e]+$/.test(fileName) && !/["\\%']/.test(fileName)
    ? `attachment; filename="${fileName}"`
    : `attachment; filename*=UTF-8''${encodeURIComponent(fileName).replace(/'/g, '%27')}`;
}
