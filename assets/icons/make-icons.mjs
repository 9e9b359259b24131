// Renders icon.svg into the PNG sizes electron-builder uses (Linux: this folder of NxN.png;
// macOS: 1024x1024.png, made into an .icns; Windows: 256x256.png, made into an .ico), through
// the system Chromium. Run it after changing icon.svg: node assets/icons/make-icons.mjs
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = fileURLToPath(new URL('.', import.meta.url));
const svg = readFileSync(new URL('icon.svg', import.meta.url), 'utf8');
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

const browser = await chromium.launch({ executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage();
  for (const size of SIZES) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`);
    await page.screenshot({ path: `${here}${size}x${size}.png`, omitBackground: true });
  }
  console.log(`icons: ${SIZES.map((s) => `${s}x${s}.png`).join(', ')}`);
} finally {
  await browser.close();
}
