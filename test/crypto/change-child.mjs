// A child process for crash.test.ts: opens a library and changes its encryption, to be killed
// with SIGKILL somewhere along the way.
//   node change-child.mjs <transpiled root> <library>
// The passphrases come in the environment (CHANGE_FROM, empty for a plain library: encrypt it;
// CHANGE_TO, empty to remove the encryption),
// not in the arguments, where any user of the machine could read them.

const [root, library] = process.argv.slice(2);
const { openSession, closeSession } = await import(`${root}/core/session.js`);
const { changeEncryption } = await import(`${root}/core/crypto/change.js`);

const from = process.env.CHANGE_FROM || undefined;
const to = process.env.CHANGE_TO || undefined;
const ctx = openSession(library, { automaticBackups: false, ...(from ? { passphrase: from } : {}) });
process.stdout.write('ready\n');
changeEncryption(ctx, !from ? 'encrypt' : to ? 'rekey' : 'decrypt', { current: from, next: to });
closeSession(ctx);
process.stdout.write('done\n');
