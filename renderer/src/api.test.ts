import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiCallError, messageOf } from './api';
import { signInFromAddress } from './token';

/** A sessionStorage that lives in a Map, for a test run in Node. */
function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
}

function jsonResponse(status: number, body: unknown) {
  return { status, json: () => Promise.resolve(body) };
}

afterEach(() => vi.unstubAllGlobals());

describe('the API client over Electron IPC', () => {
  it('hands back the value of an ok envelope', async () => {
    const invoke = vi.fn().mockResolvedValue({ ok: true, value: [{ id: 'c1' }] });
    vi.stubGlobal('window', { corroborate: { invoke } });
    await expect(api.invoke('cases.list', {})).resolves.toEqual([{ id: 'c1' }]);
    expect(invoke).toHaveBeenCalledWith('cases.list', {});
  });

  it('throws the error of a failed envelope with its code and issues', async () => {
    const error = { code: 'BAD_INPUT', message: 'Bad input: saidOn', issues: [{ path: 'saidOn', message: 'a date' }] };
    vi.stubGlobal('window', { corroborate: { invoke: vi.fn().mockResolvedValue({ ok: false, error }) } });
    const thrown = await api.invoke('cases.get', { id: 'x' }).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(ApiCallError);
    expect(thrown).toMatchObject({ code: 'BAD_INPUT', message: 'Bad input: saidOn', issues: error.issues });
  });
});

describe('the API client over HTTP', () => {
  function serve(response: unknown) {
    const fetch = vi.fn().mockResolvedValue(response);
    vi.stubGlobal('window', {});
    vi.stubGlobal('sessionStorage', memoryStorage());
    vi.stubGlobal('fetch', fetch);
    return fetch;
  }

  it('posts the input as JSON with the stored token', async () => {
    const fetch = serve(jsonResponse(200, { ok: true, value: { id: 'c1' } }));
    sessionStorage.setItem('corroborate.token', 'secret');
    await expect(api.invoke('cases.create', { title: 'T' })).resolves.toEqual({ id: 'c1' });
    expect(fetch).toHaveBeenCalledWith('/api/cases.create', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer secret' },
      body: '{"title":"T"}',
    });
  });

  it('reads the envelope of a refused call whatever its HTTP status', async () => {
    serve(jsonResponse(401, { ok: false, error: { code: 'UNAUTHORIZED', message: 'No token.' } }));
    await expect(api.invoke('cases.list', {})).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: 'No token.' });
  });

  it('turns an unreadable answer or a dead server into a message, not a crash', async () => {
    serve({ status: 502, json: () => Promise.reject(new SyntaxError('Unexpected token <')) });
    const unreadable = await api.invoke('cases.list', {}).catch((e: unknown) => e);
    expect(messageOf(unreadable)).toContain('HTTP 502');

    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    const gone = await api.invoke('cases.list', {}).catch((e: unknown) => e);
    expect(messageOf(gone)).toBe('Corroborate is not answering. Is it still running?');
  });
});

describe('the token in the address', () => {
  it('is moved to sessionStorage and taken out of the address and its history entry', async () => {
    const replaceState = vi.fn();
    vi.stubGlobal('sessionStorage', memoryStorage());
    vi.stubGlobal('history', { state: null, replaceState });
    vi.stubGlobal('window', { location: { hash: '#token=a%2Bb', pathname: '/', search: '' } });
    expect(await signInFromAddress()).toBeNull();
    expect(sessionStorage.getItem('corroborate.token')).toBe('a+b');
    expect(replaceState).toHaveBeenCalledWith(null, '', '/');
  });

  it('leaves a stored token alone when the address has none (a reload)', async () => {
    vi.stubGlobal('sessionStorage', memoryStorage());
    vi.stubGlobal('history', { state: null, replaceState: vi.fn() });
    vi.stubGlobal('window', { location: { hash: '', pathname: '/', search: '' } });
    sessionStorage.setItem('corroborate.token', 'kept');
    expect(await signInFromAddress()).toBeNull();
    expect(sessionStorage.getItem('corroborate.token')).toBe('kept');
    expect(history.replaceState).not.toHaveBeenCalled();
  });
});

describe('a one-time code in the address', () => {
  function page(hash: string, answer: Promise<unknown>) {
    const replaceState = vi.fn();
    const fetch = vi.fn().mockReturnValue(answer);
    vi.stubGlobal('sessionStorage', memoryStorage());
    vi.stubGlobal('history', { state: null, replaceState });
    vi.stubGlobal('window', { location: { hash, pathname: '/', search: '' } });
    vi.stubGlobal('fetch', fetch);
    return { replaceState, fetch };
  }

  it('is traded once for the token, and leaves the address before the answer comes', async () => {
    const { replaceState, fetch } = page('#code=C0DE', Promise.resolve(jsonResponse(200, { ok: true, value: { token: 'the-token' } })));
    const signedIn = signInFromAddress();
    expect(replaceState).toHaveBeenCalledWith(null, '', '/');
    expect(await signedIn).toBeNull();
    expect(fetch).toHaveBeenCalledWith('/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"code":"C0DE"}' });
    expect(sessionStorage.getItem('corroborate.token')).toBe('the-token');
  });

  it('refused (used, expired), says why and stores nothing', async () => {
    const message = 'This link has been used. Run `corroborate serve --open` again (or `npm start`) for a new window.';
    page('#code=USED', Promise.resolve(jsonResponse(401, { ok: false, error: { code: 'UNAUTHORIZED', message } })));
    expect(await signInFromAddress()).toBe(message);
    expect(sessionStorage.getItem('corroborate.token')).toBeNull();
  });

  it('with the server gone, says so', async () => {
    page('#code=C0DE', Promise.reject(new TypeError('Failed to fetch')));
    expect(await signInFromAddress()).toMatch(/not answering/);
  });
});
