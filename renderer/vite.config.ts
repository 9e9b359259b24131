import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

// The Electron window loads the build from app:// and `corroborate serve` from its own origin,
// so every asset path is relative.
export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // Maps are written for debugging but not named in the bundles: neither door serves them
    // (core/renderer-files.ts), so a sourceMappingURL would only send devtools to a 404.
    sourcemap: 'hidden',
    // No inline scripts or data: modules: the page runs under `script-src 'self'`.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
