// The library's HTTP API from a test: to set up records quickly (5,000 claims take seconds this
// way, minutes through the form) and to check what the UI saved.

import type { Input, MethodName, Output } from '../core/api.js';
import type { Server } from './fixtures.js';

function origin(server: Server): string {
  return new URL(server.url).origin;
}

export async function call<N extends MethodName>(server: Server, method: N, input: Input<N>): Promise<Output<N>> {
  const response = await fetch(`${origin(server)}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}`, Origin: origin(server) },
    body: JSON.stringify(input),
  });
  const envelope = (await response.json()) as { ok: true; value: Output<N> } | { ok: false; error: { message: string } };
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`);
  return envelope.value;
}

const STATUSES = ['unverified', 'in_progress', 'verified', 'disputed', 'false', 'misleading', 'unverifiable'] as const;

/**
 * Records `count` claims in a case, numbered from 1 ("Claim 0042: …"), a few requests at a time
 * (the server writes one at a time; the overlap hides the HTTP round trips).
 */
export async function seedClaims(server: Server, caseId: string, count: number, sourceIds: string[] = []): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const n = ++next;
      const label = String(n).padStart(4, '0');
      await call(server, 'claims.create', {
        caseId,
        statement: `Claim ${label}: shipment ${n} of precursor chemicals passed through the port of Manzanillo.`,
        status: STATUSES[n % STATUSES.length],
        saidOn: `20${10 + (n % 12)}-${String(1 + (n % 12)).padStart(2, '0')}`,
        sourceIds: sourceIds.length ? [sourceIds[n % sourceIds.length]!] : [],
      });
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}
