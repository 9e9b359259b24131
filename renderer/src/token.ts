// How the page served by `corroborate serve` gets its API token. A browser that serve starts
// itself is handed a one-time code (#code=…), never the token: a command line is readable by
// every local user. The page trades the code once (POST /session) for the token. An address
// that serve printed carries the token itself (#token=…). Either way the secret leaves the
// address bar at once (not in the history or a bookmark) and the token lives in
// sessionStorage, so a reload still finds it.

const KEY = 'corroborate.token';

function fromHash(name: string): string | undefined {
  const match = new RegExp(`(?:^#|&)${name}=([^&]+)`).exec(window.location.hash);
  return match?.[1] ? decodeURIComponent(match[1]) : undefined;
}

/**
 * Signs the page in from its address. Resolves with null when it is signed in (or has nothing
 * to sign in with), or with a message to show the reporter when the code was refused.
 */
export async function signInFromAddress(): Promise<string | null> {
  const token = fromHash('token');
  const code = fromHash('code');
  if (token === undefined && code === undefined) return null;
  history.replaceState(history.state, '', window.location.pathname + window.location.search);
  if (token !== undefined) {
    sessionStorage.setItem(KEY, token);
    return null;
  }
  let answer: { ok: true; value: { token: string } } | { ok: false; error: { message: string } };
  try {
    const response = await fetch('/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code }) });
    answer = (await response.json()) as typeof answer;
  } catch {
    return 'Corroborate is not answering. Is `corroborate serve` still running?';
  }
  if (!answer.ok) return answer.error.message;
  sessionStorage.setItem(KEY, answer.value.token);
  return null;
}

export function storedToken(): string | null {
  return sessionStorage.getItem(KEY);
}
