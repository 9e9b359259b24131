import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyLocation, locationWarnings } from '../../core/location.js';
import { call, tempDir, tempLibrary } from '../helpers.js';

const EXT4 = 0xef53;
const kinds = (path: string, fsType: number | undefined = EXT4, platform: NodeJS.Platform = 'linux') => classifyLocation(path, fsType, platform).map((w) => `${w.kind}:${w.where}`);

describe('the library location classifier', () => {
  it('says nothing of a library on a local disk, in ordinary folders', () => {
    expect(kinds('/home/ana/.local/share/Corroborate/library.corroborate')).toEqual([]);
    expect(kinds('/home/ana/Documents/boxes/dropboxes.corroborate')).toEqual([]);
    expect(kinds('/Users/ana/Library/Application Support/Corroborate/library.corroborate', 0x1a, 'darwin')).toEqual([]);
    expect(kinds('C:\\Users\\ana\\AppData\\Roaming\\Corroborate\\library.corroborate', 0, 'win32')).toEqual([]);
    // A file named like a sync folder is not in one.
    expect(kinds('/home/ana/Dropbox')).toEqual([]);
  });

  it('knows network file systems by their statfs magic number (Linux)', () => {
    expect(kinds('/mnt/share/library.corroborate', 0x6969)).toEqual(['network:NFS']);
    expect(kinds('/mnt/share/library.corroborate', 0xff534d42)).toEqual(['network:SMB (CIFS)']);
    expect(kinds('/mnt/share/library.corroborate', 0xfe534d42)).toEqual(['network:SMB 2/3']);
    expect(kinds('/mnt/wsl/library.corroborate', 0x01021997)).toEqual(['network:9P']);
    expect(kinds('/home/ana/remote/library.corroborate', 0x65735546)[0]).toMatch(/^network:FUSE/);
    // statfs reports f_type as a signed number on some systems.
    expect(kinds('/mnt/share/library.corroborate', 0xff534d42 | 0)).toEqual(['network:SMB (CIFS)']);
    // The same magic numbers mean nothing on macOS, whose f_type is an index.
    expect(kinds('/Volumes/share/library.corroborate', 0x6969, 'darwin')).toEqual([]);
  });

  it('knows network paths: Windows shares and GNOME mounts', () => {
    expect(kinds('\\\\newsroom-nas\\investigations\\library.corroborate', 0, 'win32')).toEqual(['network:a Windows network share']);
    expect(kinds('//newsroom-nas/investigations/library.corroborate', 0, 'win32')).toEqual(['network:a Windows network share']);
    expect(kinds('\\\\?\\C:\\Users\\ana\\library.corroborate', 0, 'win32')).toEqual([]);
    expect(kinds('/run/user/1000/gvfs/smb-share:server=nas,share=docs/library.corroborate')).toEqual(['network:a GNOME network mount']);
  });

  it('knows the folders that cloud services sync', () => {
    const cases: [string, string, NodeJS.Platform?][] = [
      ['/home/ana/Dropbox/cases/library.corroborate', 'Dropbox'],
      ['/Users/ana/Dropbox (Personal)/library.corroborate', 'Dropbox', 'darwin'],
      ['C:\\Users\\ana\\OneDrive - The Gazette\\library.corroborate', 'OneDrive', 'win32'],
      ['C:\\Users\\ana\\OneDrive\\Documents\\library.corroborate', 'OneDrive', 'win32'],
      ['/Users/ana/Library/Mobile Documents/com~apple~CloudDocs/library.corroborate', 'iCloud Drive', 'darwin'],
      ['C:\\Users\\ana\\iCloudDrive\\library.corroborate', 'iCloud Drive', 'win32'],
      ['/Users/ana/Library/CloudStorage/GoogleDrive-ana@gazette.org/My Drive/library.corroborate', 'GoogleDrive', 'darwin'],
      ['/Users/ana/Library/CloudStorage/OneDrive-Gazette/library.corroborate', 'OneDrive', 'darwin'],
      ['G:\\My Drive\\library.corroborate', 'Google Drive', 'win32'],
      ['/home/ana/Google Drive/library.corroborate', 'Google Drive'],
      ['/Users/ana/Box/library.corroborate', 'Box', 'darwin'],
      ['/home/ana/pCloudDrive/library.corroborate', 'pCloud'],
      ['/home/ana/Nextcloud/library.corroborate', 'Nextcloud'],
      ['/home/ana/MEGAsync/library.corroborate', 'MEGA'],
    ];
    for (const [path, where, platform] of cases) expect(kinds(path, 0, platform ?? 'linux'), path).toEqual([`cloud-sync:${where}`]);
  });

  it('gives both warnings for a synced folder on a network drive, each in words', () => {
    const warnings = classifyLocation('/mnt/nas/Dropbox/library.corroborate', 0x6969, 'linux');
    expect(warnings.map((w) => w.kind)).toEqual(['network', 'cloud-sync']);
    expect(warnings[0]!.message).toMatch(/network drive \(NFS\).*damage/);
    expect(warnings[1]!.message).toMatch(/Dropbox syncs.*confidential sources/);
  });

  it('follows a link to where the library really is', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'Dropbox'));
    symlinkSync(join(dir, 'Dropbox'), join(dir, 'work'));
    expect(locationWarnings(join(dir, 'work', 'library.corroborate')).map((w) => w.where)).toEqual(['Dropbox']);
    writeFileSync(join(dir, 'Dropbox', 'library.corroborate'), '');
    expect(locationWarnings(join(dir, 'work', 'library.corroborate')).map((w) => w.where)).toEqual(['Dropbox']);
    const ctx = tempLibrary();
    expect(locationWarnings(ctx.libraryPath)).toEqual([]);
  });
});

describe('library.info', () => {
  it('reports the location warnings and what the checks at open found', () => {
    const ctx = tempLibrary();
    const info = call(ctx, 'library.info', {});
    expect(info).toMatchObject({ library: ctx.libraryPath, uncleanShutdown: false, checked: 'none', warnings: [] });
    expect(call(ctx, 'library.doctor', {}).warnings).toEqual([]);
  });
});
