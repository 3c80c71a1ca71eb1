/** Hands a file to the user as a download (the browser's save flow; the desktop shell offers the same through it). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name safe on Windows, macOS and Linux. */
export function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are not allowed in file names
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').slice(0, 150) || 'export';
}
