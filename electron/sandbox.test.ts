import { describe, expect, it } from 'vitest';
import { sandboxWarning } from './sandbox.js';

describe('running without Chromium’s sandbox', () => {
  it('is never silent, and names the AppImage cause and the deb as the way out', () => {
    const warning = sandboxWarning(['/tmp/.mount_x/corroborate', '--no-sandbox'], { APPIMAGE: '/home/rep/Corroborate.AppImage' });
    expect(warning?.message).toMatch(/without Chromium’s sandbox/);
    expect(warning?.detail).toMatch(/AppImage started Corroborate with --no-sandbox/);
    expect(warning?.detail).toMatch(/install the \.deb package/);
    expect(warning?.buttons[0]).toBe('Quit');
  });

  it('says so too when someone else passed --no-sandbox', () => {
    expect(sandboxWarning(['electron', '--no-sandbox'], {})?.detail).toMatch(/^Corroborate was started with --no-sandbox\./);
  });

  it('stays quiet with the sandbox on', () => {
    expect(sandboxWarning(['electron', 'main.js'], { APPIMAGE: '/x.AppImage' })).toBeUndefined();
  });
});
