// Chromium's sandbox on Linux needs user namespaces, which Ubuntu 23.10 and later refuse to
// programs without an AppArmor profile. The deb installs one (electron-builder.yml); an AppImage
// cannot, so electron-builder's AppRun starts it with --no-sandbox there. That must never be
// silent: the reporter is told, and chooses.

export interface SandboxWarning {
  message: string;
  detail: string;
  buttons: [quit: string, go: string];
}

/** The warning to show when this process runs without Chromium's sandbox, else undefined. */
export function sandboxWarning(argv: readonly string[], env: NodeJS.ProcessEnv): SandboxWarning | undefined {
  if (!argv.includes('--no-sandbox')) return undefined;
  const why = env.APPIMAGE
    ? 'This Linux does not let an AppImage use the user namespaces Chromium’s sandbox needs (Ubuntu 23.10 and later refuse them to programs without an AppArmor profile), so the AppImage started Corroborate with --no-sandbox.'
    : 'Corroborate was started with --no-sandbox.';
  return {
    message: 'Corroborate is running without Chromium’s sandbox.',
    detail:
      `${why} Its pages, including documents you import, then run without that layer of protection.\n\n` +
      'On Ubuntu, install the .deb package instead: it installs an AppArmor profile and runs with the sandbox.',
    buttons: ['Quit', 'Open without the sandbox'],
  };
}
