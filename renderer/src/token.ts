// `corroborate serve` hands the page its API token in the address (#token=…). It is moved to
// sessionStorage at once so it never lingers in the address bar, the history or a bookmark,
// and a reload still finds it.

const KEY = 'corroborate.token';

export function takeTokenFromAddress(): void {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (!match?.[1]) return;
  sessionStorage.setItem(KEY, decodeURIComponent(match[1]));
  history.replaceState(history.state, '', window.location.pathname + window.location.search);
}

export function storedToken(): string | null {
  return sessionStorage.getItem(KEY);
}
