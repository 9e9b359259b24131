// The SQLite driver's package name, for code that must find its files without loading it: the
// worker that checks a backup (db/off-thread.ts) and Electron's rebuild of its addon
// (electron/launch.ts). db/driver.ts imports the package itself (an import names it literally).

export const DRIVER_PACKAGE = 'better-sqlite3-multiple-ciphers';
