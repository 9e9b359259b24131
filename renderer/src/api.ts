// The one way the UI reaches the library: `api.invoke(name, input)`. Components never know
// whether the answer came over Electron IPC or over HTTP from `corroborate serve`.

import type { Input, MethodName, Output } from '../../core/api';
import type { ApiErrorBody, Envelope, ErrorCode } from '../../core/errors';
import type { CoeditBridge } from './editor/coedit/ipc-socket';
import { storedToken } from './token';

/** What the Electron preload exposes on `window.corroborate`. */
export interface Bridge {
  invoke(name: string, input: unknown): Promise<Envelope<unknown>>;
  /** The co-edited notes' link to the main process's relay (absent in a page `serve` shows). */
  coedit?: CoeditBridge;
}

declare global {
  interface Window {
    corroborate?: Bridge;
  }
}

export class ApiCallError extends Error {
  readonly code: ErrorCode;
  readonly issues: NonNullable<ApiErrorBody['issues']>;

  constructor(body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiCallError';
    this.code = body.code;
    this.issues = body.issues ?? [];
  }
}

type Transport = (name: MethodName, input: unknown) => Promise<Envelope<unknown>>;

const ipc = (bridge: Bridge): Transport => (name, input) => bridge.invoke(name, input);

/** The library the page shows (library.tsx): serve refuses a call meant for a library it has since closed. */
let shownLibrary: string | null = null;

export function showLibrary(path: string | null): void {
  shownLibrary = path;
}

const http: Transport = async (name, input) => {
  let response: Response;
  try {
    response = await fetch(`/api/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${storedToken() ?? ''}`,
        ...(shownLibrary === null ? {} : { 'X-Corroborate-Library': encodeURIComponent(shownLibrary) }),
      },
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: 'Corroborate is not answering. Is it still running?' } };
  }
  try {
    return (await response.json()) as Envelope<unknown>;
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: `Corroborate sent an answer that could not be read (HTTP ${response.status}).` } };
  }
};

function pickTransport(): Transport {
  return window.corroborate ? ipc(window.corroborate) : http;
}

/** Calls under way: the panic lock lets them finish (an open note's last save) before it closes the library. */
const inFlight = new Set<Promise<unknown>>();

export async function settled(): Promise<void> {
  // A call that ends may start another (a note's next save): wait until none is left.
  do {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await Promise.allSettled([...inFlight]);
  } while (inFlight.size);
}

export const api = {
  /**
   * `waits`: a call that waits for news (sync.watch) rather than saving anything: the panic lock
   * does not wait for it to end.
   */
  async invoke<N extends MethodName>(name: N, input: Input<N>, how?: { waits?: boolean }): Promise<Output<N>> {
    const call = pickTransport()(name, input);
    if (!how?.waits) inFlight.add(call);
    const envelope = await call.finally(() => inFlight.delete(call));
    if (!envelope.ok) {
      // Locked elsewhere (the menu, another window): this window locks too.
      if (envelope.error.code === 'LIBRARY_LOCKED') window.dispatchEvent(new CustomEvent('corroborate:command', { detail: 'lock' }));
      throw new ApiCallError(envelope.error);
    }
    return envelope.value as Output<N>;
  },
};

/** A message a reporter can read, whatever was thrown. */
export function messageOf(err: unknown): string {
  if (err instanceof ApiCallError) return err.message;
  if (err instanceof Error) return `Something went wrong: ${err.message}`;
  return 'Something went wrong.';
}
