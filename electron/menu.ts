// The application menu, as a plain template: main.ts builds it with Electron's Menu and hands
// it the actions; electron/menu.test.ts checks it in plain Node (this file only names electron's
// types). Every page command is a fixed name from PAGE_COMMANDS, never data from outside.

import type { MenuItemConstructorOptions } from 'electron';

/**
 * The commands the menu sends to the page ('corroborate:command' events). The page acts on
 * those it knows (renderer/src/commands.tsx, views/lock/lock.ts); 'open-library' is answered by
 * the library chooser.
 */
export const PAGE_COMMANDS = ['new-case', 'new-claim', 'new-source', 'import', 'export', 'lock', 'preferences', 'shortcuts', 'open-library', 'undo', 'redo'] as const;
export type PageCommand = (typeof PAGE_COMMANDS)[number];

export interface MenuActions {
  command: (name: PageCommand) => void;
  /** The panic lock: the page locks and the window's caches are cleared. */
  lockNow: () => void;
  documentation: () => void;
  about: () => void;
}

const SEPARATOR = { type: 'separator' } as const;

export function menuTemplate(platform: NodeJS.Platform, appName: string, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const run = (name: PageCommand) => () => actions.command(name);
  const about: MenuItemConstructorOptions = { label: `About ${appName}`, click: actions.about };
  const preferences: MenuItemConstructorOptions = { label: mac ? 'Settings…' : 'Preferences…', accelerator: 'CmdOrCtrl+,', click: run('preferences') };
  return [
    ...(mac
      ? [
          {
            label: appName,
            submenu: [about, SEPARATOR, preferences, SEPARATOR, { role: 'services' }, SEPARATOR, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, SEPARATOR, { role: 'quit' }],
          } satisfies MenuItemConstructorOptions,
        ]
      : []),
    {
      label: 'File',
      submenu: [
        { label: 'New Case', accelerator: 'CmdOrCtrl+Shift+N', click: run('new-case') },
        { label: 'New Claim', accelerator: 'CmdOrCtrl+N', click: run('new-claim') },
        { label: 'New Source', accelerator: 'CmdOrCtrl+Alt+N', click: run('new-source') },
        SEPARATOR,
        { label: 'Open Library…', accelerator: 'CmdOrCtrl+Shift+O', click: run('open-library') },
        SEPARATOR,
        // The page asks for the files itself, so it knows which case they go to.
        { label: 'Import Documents…', accelerator: 'CmdOrCtrl+O', click: run('import') },
        // The page opens its Export packet dialog for the case on screen.
        { label: 'Export Packet…', accelerator: 'CmdOrCtrl+Shift+E', click: run('export') },
        SEPARATOR,
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        // Not role 'undo': that runs Chromium's own undo and the key never reaches the page. The
        // page knows which undo is meant: the notes editor's history, a field's, or the app's
        // last move to the trash.
        { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: run('undo') },
        { label: 'Redo', accelerator: mac ? 'Shift+Cmd+Z' : 'Ctrl+Y', click: run('redo') },
        SEPARATOR,
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
        { role: 'delete' },
        { role: 'selectAll' },
        ...(mac ? [] : [SEPARATOR, preferences]),
      ],
    },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        { role: 'togglefullscreen' },
        SEPARATOR,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        SEPARATOR,
        { label: 'Lock Now', accelerator: 'CmdOrCtrl+Shift+L', click: actions.lockNow },
      ],
    },
    ...(mac ? [{ role: 'windowMenu' } as const] : []),
    {
      role: 'help',
      submenu: [
        { label: 'Keyboard Shortcuts', click: run('shortcuts') },
        { label: 'Documentation', click: actions.documentation },
        ...(mac ? [] : [SEPARATOR, about]),
      ],
    },
  ];
}

export interface Versions {
  app: string;
  electron: string;
  chrome: string;
  node: string;
  sqlite: string;
}

/** The About box's detail: every version a bug report needs, one per line. */
export function aboutDetail(v: Versions): string {
  return [`Version ${v.app}`, `Electron ${v.electron}`, `Chromium ${v.chrome}`, `Node.js ${v.node}`, `SQLite ${v.sqlite}`].join('\n');
}
