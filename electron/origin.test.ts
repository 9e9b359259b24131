import { describe, expect, it } from 'vitest';
import { isTrustedSender } from './origin.js';

describe('IPC sender check', () => {
  it('trusts only frames loaded from app://corroborate', () => {
    expect(isTrustedSender({ senderFrame: { url: 'app://corroborate/index.html' } })).toBe(true);
    expect(isTrustedSender({ senderFrame: { url: 'app://corroborate/x/y?z#w' } })).toBe(true);
  });
  it.each(['https://evil.example/', 'file:///etc/passwd', 'app://corroborate.evil/index.html', 'app://other/index.html', 'about:blank', 'not a url', ''])(
    'refuses %s',
    (url) => expect(isTrustedSender({ senderFrame: { url } })).toBe(false),
  );
  it('refuses a call with no frame (it was destroyed or navigated away)', () => {
    expect(isTrustedSender({ senderFrame: null })).toBe(false);
  });
});
