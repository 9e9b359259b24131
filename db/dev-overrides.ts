// Environment variables that point the program at other code, binaries or timings, for
// development and tests: `npm start` hands the app a driver built for Electron, the tests a
// Chromium and a short backup delay. A packaged app has its own driver and engine, and honouring
// these there would let anyone who can set a variable load native code into the main process
// (undoing the NODE_OPTIONS fuse) or run another binary. The packaged app calls
// ignoreDevOverrides() first thing (electron/main.ts, from app.isPackaged: db/ and core/ never
// import electron), and every reader asks devOverride() instead of process.env.

export const DEV_OVERRIDES = ['CORROBORATE_NATIVE_BINDING', 'PLAYWRIGHT_CHROMIUM_PATH', 'CORROBORATE_BACKUP_DELAY_MS'] as const;
export type DevOverride = (typeof DEV_OVERRIDES)[number];

let ignored = false;

/**
 * From now on every development override reads as unset, and they are removed from the
 * environment, so no worker or child process started later sees them either.
 */
export function ignoreDevOverrides(env: NodeJS.ProcessEnv = process.env): void {
  ignored = true;
  for (const name of DEV_OVERRIDES) delete env[name];
}

export function devOverridesIgnored(): boolean {
  return ignored;
}

/** The override's value, or undefined when it is unset, empty, or this is a packaged app. */
export function devOverride(name: DevOverride, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (ignored) return undefined;
  return env[name] || undefined;
}
