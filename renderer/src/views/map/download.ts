// Saves what the map or the timeline exports as a file the browser (or Electron) downloads.

/** Offers `data` as a download named `fileName`. */
export function download(fileName: string, data: Blob | string, type = 'application/octet-stream'): void {
  const blob = typeof data === 'string' ? new Blob([data], { type }) : data;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own copy once started.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from a case title: letters, digits and dashes. */
export function fileStem(title: string, what: string): string {
  const stem = title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()
    .slice(0, 60);
  return `${stem || 'case'}-${what}`;
}
