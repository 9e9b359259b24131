// A child of one-writer.test.ts, running the transpiled project (test/hardening/transpile.ts):
//   node library-child.mjs <root> <library> writer <n> <caseId> <tag>
//     opens the library as `corroborate call` does and makes n claims through the dispatcher,
//     as fast as it can; prints one JSON line: {ok, failed: {code: count}}.
//   node library-child.mjs <root> <library> serve
//     opens the library as `corroborate serve` does (holding its lock) and prints "ready"; then
//     each line on stdin is a case title to create through the dispatcher ("created <id>"), and
//     "close" closes the session ("closed").

import { createInterface } from 'node:readline';

const [root, library, role, ...rest] = process.argv.slice(2);
const { openForCommand } = await import(`${root}/cli/main.js`);
const { dispatchAsync } = await import(`${root}/core/dispatcher.js`);
const { closeSession } = await import(`${root}/core/session.js`);

if (role === 'writer') {
  const [n, caseId, tag] = rest;
  const ctx = await openForCommand(library, 'call', {});
  let ok = 0;
  const failed = {};
  for (let i = 0; i < Number(n); i++) {
    const res = await dispatchAsync(ctx, 'claims.create', { caseId, statement: `${tag} claim ${i}` }, () => {});
    if (res.ok) ok++;
    else failed[res.error.code] = (failed[res.error.code] ?? 0) + 1;
  }
  closeSession(ctx);
  process.stdout.write(JSON.stringify({ ok, failed }) + '\n');
} else if (role === 'serve') {
  let ctx;
  try {
    ctx = await openForCommand(library, 'serve', {});
  } catch (err) {
    process.stdout.write(`refused ${err.code}\n`);
    process.exit(1);
  }
  process.stdout.write('ready\n');
  for await (const line of createInterface({ input: process.stdin })) {
    if (line === 'close') break;
    const res = await dispatchAsync(ctx, 'cases.create', { title: line }, () => {});
    process.stdout.write(res.ok ? `created ${res.value.id}\n` : `failed ${res.error.code}\n`);
  }
  closeSession(ctx);
  process.stdout.write('closed\n');
  process.exit(0); // stdin, still open, would keep the process alive
}
