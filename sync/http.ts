// The sync server's few plain HTTP answers (/join, /files): JSON, never cached.

import type { ServerResponse } from 'node:http';

export function answer(res: ServerResponse, status: number, body?: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}
