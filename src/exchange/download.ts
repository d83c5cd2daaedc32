// Saves bytes or text as a file through an <a download> click on a blob: URL (no network, no other origin).

/** Starts a download of `data` named `filename`. Text is written as UTF-8. */
export function download(data: Uint8Array | string, filename: string, mime: string): void {
  const part: BlobPart = typeof data === 'string' ? data : new Uint8Array(data);
  const url = URL.createObjectURL(new Blob([part], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The click has queued the download; revoking on the next task keeps it alive long enough.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A safe file name stem from a label: letters, digits, '-', '_' and '.', at most 60 characters. */
export function fileStem(label: string): string {
  const s = label.normalize('NFKD').replace(/[^\w.-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 60);
  return s === '' ? 'identity' : s;
}
