// Saves what the map or the timeline exports as a file the browser (or Electron) downloads, and
// turns their SVG pictures into PNGs.

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

/** The largest side of a PNG export, in pixels: a canvas much bigger fails in some browsers. */
const MAX_PNG_SIDE = 8000;

/**
 * An SVG document drawn into a canvas and read back as a PNG, at twice its size (less for a
 * picture that would pass MAX_PNG_SIDE). Its size is read from its width and height. The image
 * is loaded from a data: address, which the page's img-src allows (a blob: address it would refuse).
 */
export function svgToPng(svg: string): Promise<Blob> {
  const size = /<svg\b[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"/.exec(svg);
  const width = Number(size?.[1] ?? 0);
  const height = Number(size?.[2] ?? 0);
  if (!width || !height) return Promise.reject(new Error('The picture has no size.'));
  const scale = Math.min(2, MAX_PNG_SIDE / width, MAX_PNG_SIDE / height);
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(width * scale);
      canvas.height = Math.round(height * scale);
      const context = canvas.getContext('2d');
      if (!context) {
        reject(new Error('This window cannot draw pictures.'));
        return;
      }
      context.scale(scale, scale);
      context.drawImage(image, 0, 0, width, height);
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The picture came out empty.'))), 'image/png');
    };
    image.onerror = () => reject(new Error('The picture could not be drawn.'));
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  });
}
