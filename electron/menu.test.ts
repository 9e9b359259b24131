import { describe, expect, it } from 'vitest';
import { sqliteVersion } from '../db/driver.js';
import { aboutDetail, menuTemplate, PAGE_COMMANDS, type PageCommand } from './menu.js';

/** A menu item as Electron takes it (read from the template's type: tests do not import electron). */
type MenuItemConstructorOptions = ReturnType<typeof menuTemplate>[number];

function build(platform: NodeJS.Platform) {
  const sent: PageCommand[] = [];
  const called: string[] = [];
  const template = menuTemplate(platform, 'Corroborate', {
    command: (name) => sent.push(name),
    lockNow: () => called.push('lock'),
    documentation: () => called.push('documentation'),
    about: () => called.push('about'),
  });
  const menu = (label: string) => template.find((m) => m.label === label || m.role === label);
  const items = (label: string) => (menu(label)?.submenu ?? []) as MenuItemConstructorOptions[];
  const item = (label: string, itemLabel: string) => items(label).find((i) => i.label === itemLabel);
  const click = (i: MenuItemConstructorOptions | undefined) => (i?.click as (() => void) | undefined)?.();
  return { template, menu, items, item, click, sent, called };
}

describe('menuTemplate', () => {
  it('on macOS: the app menu has About and Settings (⌘,), and there is a Window menu', () => {
    const m = build('darwin');
    expect(m.template[0]?.label).toBe('Corroborate');
    const settings = m.item('Corroborate', 'Settings…');
    expect(settings?.accelerator).toBe('CmdOrCtrl+,');
    m.click(settings);
    m.click(m.item('Corroborate', 'About Corroborate'));
    expect(m.menu('windowMenu')).toBeDefined();
    expect(m.item('Edit', 'Preferences…')).toBeUndefined();
    expect(m.sent).toEqual(['preferences']);
    expect(m.called).toEqual(['about']);
  });

  it('elsewhere: Preferences is in the Edit menu, About in Help, and no Window menu', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const m = build(platform);
      expect(m.template[0]?.label).toBe('File');
      const prefs = m.item('Edit', 'Preferences…');
      expect(prefs?.accelerator).toBe('CmdOrCtrl+,');
      m.click(prefs);
      m.click(m.item('help', 'About Corroborate'));
      expect(m.menu('windowMenu')).toBeUndefined();
      expect(m.sent).toEqual(['preferences']);
      expect(m.called).toEqual(['about']);
    }
  });

  it('Help opens the shortcuts in the page and the documentation', () => {
    const m = build('linux');
    m.click(m.item('help', 'Keyboard Shortcuts'));
    m.click(m.item('help', 'Documentation'));
    expect(m.sent).toEqual(['shortcuts']);
    expect(m.called).toEqual(['documentation']);
  });

  it('File › Open Library… asks the page for the library chooser', () => {
    const m = build('win32');
    m.click(m.item('File', 'Open Library…'));
    expect(m.sent).toEqual(['open-library']);
  });

  it('routes Undo and Redo to the page instead of Chromium’s own (role) undo, which would swallow the keys', () => {
    for (const [platform, redoKey] of [
      ['darwin', 'Shift+Cmd+Z'],
      ['win32', 'Ctrl+Y'],
      ['linux', 'Ctrl+Y'],
    ] as const) {
      const m = build(platform);
      const edit = m.items('Edit');
      expect(edit.some((i) => i.role === 'undo' || i.role === 'redo')).toBe(false);
      const undo = m.item('Edit', 'Undo');
      const redo = m.item('Edit', 'Redo');
      expect(undo?.accelerator).toBe('CmdOrCtrl+Z');
      expect(redo?.accelerator).toBe(redoKey);
      m.click(undo);
      m.click(redo);
      expect(m.sent).toEqual(['undo', 'redo']);
      // The rest of editing stays Chromium's.
      expect(edit.map((i) => i.role).filter(Boolean)).toEqual(expect.arrayContaining(['cut', 'copy', 'paste', 'selectAll']));
    }
  });

  it('keeps Lock Now on Ctrl/Cmd+Shift+L, and sends only commands the page may receive', () => {
    const m = build('linux');
    const lock = m.item('View', 'Lock Now');
    expect(lock?.accelerator).toBe('CmdOrCtrl+Shift+L');
    m.click(lock);
    expect(m.called).toEqual(['lock']);
    const all = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] => items.flatMap((i) => [i, ...all((i.submenu ?? []) as MenuItemConstructorOptions[])]);
    for (const i of all(m.template)) m.click(i);
    expect(m.sent.every((name) => (PAGE_COMMANDS as readonly string[]).includes(name))).toBe(true);
    expect(new Set(m.sent)).toEqual(new Set(['new-case', 'new-claim', 'new-source', 'open-library', 'import', 'export', 'undo', 'redo', 'preferences', 'shortcuts']));
  });
});

describe('aboutDetail', () => {
  it('names every version a bug report needs', () => {
    expect(aboutDetail({ app: '0.1.0', electron: '45.4.1', chrome: '142.0.7444.52', node: '22.20.0', sqlite: '3.50.4' }).split('\n')).toEqual([
      'Version 0.1.0',
      'Electron 45.4.1',
      'Chromium 142.0.7444.52',
      'Node.js 22.20.0',
      'SQLite 3.50.4',
    ]);
  });

  it('reads SQLite’s version from the driver the app runs', () => {
    expect(sqliteVersion()).toMatch(/^3\.\d+\.\d+$/);
  });
});
