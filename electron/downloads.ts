// Saving what the page hands over as a download (an exported packet). The page never names a
// path: the reporter picks one in the system's save dialog, and that path goes through the same
// guard as every other door's output (core/output-target.ts), so a packet can never be saved
// over the open library, its write-ahead log, its backups or its original files.

import { dirname } from 'node:path';
import { toErrorBody } from '../core/errors.js';
import { resolveOutputTarget } from '../core/output-target.js';

/** What of Electron's DownloadItem this needs. */
export interface DownloadLike {
  getFilename(): string;
  setSavePath(path: string): void;
  cancel(): void;
}

export interface DownloadDoors {
  libraryPath: string;
  /** The save dialog: the path chosen, or undefined when the reporter cancelled. */
  askPath(suggestedName: string): string | undefined;
  /** Tells the reporter why nothing was saved. */
  refuse(message: string): void;
}

/**
 * Decides where a download goes, before Electron writes a byte. The save dialog has already
 * asked before replacing a file, so an ordinary existing file may be replaced; the library's own
 * files never can. Returns the path saved to, or null when nothing is saved.
 */
export function saveDownload(item: DownloadLike, doors: DownloadDoors): string | null {
  const chosen = doors.askPath(item.getFilename());
  if (!chosen) {
    item.cancel();
    return null;
  }
  try {
    const target = resolveOutputTarget(chosen, { libraryPath: doors.libraryPath, overwrite: true });
    item.setSavePath(target);
    return target;
  } catch (err) {
    item.cancel();
    const { code, message } = toErrorBody(err);
    doors.refuse(`${message}\n\nNothing was saved in ${dirname(chosen)}. (${code})`);
    return null;
  }
}
