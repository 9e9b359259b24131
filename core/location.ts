// Where the library lies, and whether that is a risk: on a network drive SQLite's locks and
// syncs are not to be trusted (a dropped connection or a second computer can damage the file);
// in a folder a cloud service syncs, copies are uploaded while the file is being written (and
// a confidential source's name then sits with a third party). Neither is refused: the reporter
// is told, once, in words.

import { realpathSync, statfsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface LocationWarning {
  kind: 'network' | 'cloud-sync';
  /** What the location is: "NFS", "Dropbox"… */
  where: string;
  message: string;
}

/** Linux statfs f_type magic numbers of file systems reached over a network (or FUSE, which many are). */
const NETWORK_FS: Record<number, string> = {
  0x6969: 'NFS',
  0x517b: 'SMB',
  0xff534d42: 'SMB (CIFS)',
  0xfe534d42: 'SMB 2/3',
  0x01021997: '9P',
  0x65735546: 'FUSE (sshfs, rclone, a cloud drive or similar)',
  0x5346414f: 'AFS',
  0x73757245: 'Coda',
  0x00c36400: 'Ceph',
  0x0bd00bd0: 'Lustre',
  0x564c: 'NetWare',
  0x786f4256: 'VirtualBox shared folder',
  0x47504653: 'GPFS',
};

/** Folder names that sync services create, matched against each part of the path. */
const SYNC_FOLDERS: [RegExp, string][] = [
  [/^dropbox( \(.*\))?$/i, 'Dropbox'],
  [/^onedrive( - .*)?$/i, 'OneDrive'],
  [/^mobile documents$/i, 'iCloud Drive'],
  [/^icloud ?drive$/i, 'iCloud Drive'],
  [/^google ?drive$/i, 'Google Drive'],
  [/^googledrive-/i, 'Google Drive'],
  [/^my drive$/i, 'Google Drive'],
  [/^box( sync| drive)?$/i, 'Box'],
  [/^pcloud ?drive$/i, 'pCloud'],
  [/^nextcloud$/i, 'Nextcloud'],
  [/^owncloud$/i, 'ownCloud'],
  [/^mega(sync)?$/i, 'MEGA'],
  [/^yandex\.disk$/i, 'Yandex Disk'],
  [/^tresors$/i, 'Tresorit'],
  [/^seafile$/i, 'Seafile'],
  [/^sync\.com$/i, 'Sync.com'],
];

const NETWORK_MESSAGE = (where: string) =>
  `This library is on a network drive (${where}). Over a network SQLite cannot lock or save the file reliably: a dropped connection or a second computer writing can damage it. ` +
  'Keep the library on this computer’s own disk, and put backups on the network drive instead.';

const SYNC_MESSAGE = (where: string) =>
  `This library is in a folder that ${where} syncs. A sync service copies the file while it is being written, which can leave a damaged or conflicting copy, ` +
  `and puts everything in it — confidential sources included — on ${where}’s servers. Move the library out of the synced folder.`;

/** The warnings for a path, given its file system's type (Linux statfs f_type) and the platform. */
export function classifyLocation(path: string, fsType: number | undefined, platform: NodeJS.Platform = process.platform): LocationWarning[] {
  const warnings: LocationWarning[] = [];
  const network =
    platform === 'win32' && /^(\\\\|\/\/)(?![?.][\\/])/.test(path)
      ? 'a Windows network share'
      : /^\/run\/user\/\d+\/gvfs\//.test(path)
        ? 'a GNOME network mount'
        : platform === 'linux' && fsType !== undefined
          ? NETWORK_FS[fsType >>> 0]
          : undefined;
  if (network) warnings.push({ kind: 'network', where: network, message: NETWORK_MESSAGE(network) });
  const parts = path.split(/[\\/]+/);
  // macOS File Provider: ~/Library/CloudStorage/<Service>-<account>/ holds every cloud drive.
  const cloudStorage = parts.findIndex((p, i) => p === 'CloudStorage' && parts[i - 1] === 'Library');
  const provider = cloudStorage >= 0 ? parts[cloudStorage + 1]?.split('-')[0] : undefined;
  const sync = provider ? provider : SYNC_FOLDERS.find(([re]) => parts.slice(0, -1).some((p) => re.test(p)))?.[1];
  if (sync) warnings.push({ kind: 'cloud-sync', where: sync, message: SYNC_MESSAGE(sync) });
  return warnings;
}

/** The warnings for the library at `path`, following links to where the file really is. */
export function locationWarnings(path: string): LocationWarning[] {
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    try {
      real = join(realpathSync(dirname(path)), basename(path)); // a library not created yet
    } catch {
      real = path;
    }
  }
  let fsType: number | undefined;
  try {
    fsType = Number(statfsSync(real).type);
  } catch {
    try {
      fsType = Number(statfsSync(dirname(real)).type);
    } catch {
      fsType = undefined;
    }
  }
  const seen = new Set<string>();
  return [...classifyLocation(real, fsType), ...(real === path ? [] : classifyLocation(path, undefined))].filter((w) => {
    const key = `${w.kind}:${w.where}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
