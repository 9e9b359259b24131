// electron-builder's afterPack hook (electron-builder.yml): burns Electron's fuses into the
// packaged binary before it is signed and put into an AppImage, deb, dmg or installer. Fuses are
// bits in the Electron binary itself: once off, no command-line flag or environment variable
// turns the feature back on. docs/security.md says why each one is set so.
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS file: electron-builder require()s its hooks */
const { join } = require('node:path');
const { flipFuses, FuseV1Options, FuseVersion } = require('@electron/fuses');

/** Each fuse and its setting, by the name @electron/fuses gives it. */
const FUSES = {
  // ELECTRON_RUN_AS_NODE would turn the app into a plain Node that runs any script.
  RunAsNode: false,
  // Cookies (none today) encrypted at rest with the OS key store.
  EnableCookieEncryption: true,
  // NODE_OPTIONS could preload code into the main process.
  EnableNodeOptionsEnvironmentVariable: false,
  // --inspect would open a debugger on the main process.
  EnableNodeCliInspectArguments: false,
  // app.asar is checked against the hash embedded at build time (macOS and Windows).
  EnableEmbeddedAsarIntegrityValidation: true,
  // The app is loaded from app.asar only, never from a loose app/ folder placed beside it.
  OnlyLoadAppFromAsar: true,
  // The page is served from app://; file:// keeps no extra privilege.
  GrantFileProtocolExtraPrivileges: false,
};

/** The path @electron/fuses wants: the .app bundle on macOS, the executable elsewhere. */
function electronBinary(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return join(appOutDir, `${name}.app`);
  if (electronPlatformName === 'win32') return join(appOutDir, `${name}.exe`);
  return join(appOutDir, packager.executableName);
}

/** The configuration handed to flipFuses. */
function fuseConfig(context) {
  const config = { version: FuseVersion.V1 };
  for (const [name, on] of Object.entries(FUSES)) {
    if (!(name in FuseV1Options)) throw new Error(`@electron/fuses knows no fuse named ${name}`);
    config[FuseV1Options[name]] = on;
  }
  // Flipping fuses breaks the ad-hoc signature of an unsigned Apple Silicon build: redo it
  // (a real signature, when configured, is applied by electron-builder after this hook).
  // Arch 3 is arm64 in electron-builder's Arch enum.
  if (context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas') config.resetAdHocDarwinSignature = context.arch === 3;
  return config;
}

async function afterPack(context) {
  const binary = electronBinary(context);
  const sentinels = await flipFuses(binary, fuseConfig(context));
  if (!sentinels) throw new Error(`No fuse wire found in ${binary}`);
  console.log(`  • fuses set in ${binary}: ${Object.entries(FUSES).map(([n, on]) => `${n}=${on ? 'on' : 'off'}`).join(', ')}`);
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.FUSES = FUSES;
module.exports.electronBinary = electronBinary;
module.exports.fuseConfig = fuseConfig;
