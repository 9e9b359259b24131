// Every API method, fed arbitrary JSON through the dispatcher (as any door would hand it over):
// the answer is always an envelope, a value or an error with a known code and a message; never
// a throw, an unhandled rejection, or INTERNAL (a handler that did not expect its input).
// Inputs are of three kinds: any JSON value at all; objects shaped like the method's schema
// (from its JSON Schema), with ids of real records from the demo case; and those objects with
// fields swapped for any JSON value.

import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methods, type MethodName } from '../../core/api.js';
import type { Context } from '../../core/context.js';
import { dispatchAsync } from '../../core/dispatcher.js';
import { ERROR_CODES } from '../../core/errors.js';
import { ENTITIES, openLibrary } from '../../db/index.js';
import { call } from '../helpers.js';
import { makeDocx, makePdf } from '../make-files.js';

/** Every code a door can hand back (core/errors.ts ERROR_CODES, db's codes included). */
const KNOWN_CODES = new Set<string>(ERROR_CODES);

const RUNS = Number(process.env.PROPERTY_RUNS ?? 60);
/** Methods that read files, build exports or start browsers are slower: fewer runs. */
const SLOW_RUNS = Math.max(5, Math.round(RUNS / 4));

interface JsonSchema {
  type?: string;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
}

interface Pools {
  /** Ids of live and trashed records, by entity (ENTITIES' keys), and all of them under ''. */
  ids: Record<string, string[]>;
  files: string[];
}

/** The entity a field's id names: caseId → case, fromClaimId → claim, keepId → source… */
const ID_FIELDS: [RegExp, string][] = [
  [/^caseId$/, 'case'],
  [/[cC]laimIds?$/, 'claim'],
  [/^(sourceIds?|keepId|mergeId|affiliationId|speakerId)$/, 'source'],
  [/^documentId$/, 'document'],
  [/^(excerptId|originExcerptId)$/, 'excerpt'],
  [/^noteId$/, 'note'],
];
/** The entity of a method's own `id`: claims.get → claim. */
const METHOD_ENTITY: Record<string, string> = { cases: 'case', sources: 'source', claims: 'claim', documents: 'document', excerpts: 'excerpt', evidence: 'evidence', claimLinks: 'claimLink', replies: 'reply', notes: 'note', events: 'event' };

const PATH_KEYS = new Set(['out', 'file', 'path', 'dir', 'folder']);
const QUERIES = ['precursor', 'fentanyl chemicals', '"exact phrase', 'source:trone status:disputed', 'type:claim case:x', 'NEAR(a b)', '*', '-', 'a OR', 'before:2021-06 after:2019', 'tag:', '"', '^', 'col:value', 'AND OR NOT'];

/** Strings a field of this name might meet: ids of real records, paths kept inside the test's folder, queries… */
function stringFor(key: string, schema: JsonSchema, pools: Pools, method: string): fc.Arbitrary<string> {
  const junk = fc.oneof(
    { weight: 4, arbitrary: fc.string({ minLength: 1, maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', '\u0000', '../../etc/passwd', '<script>alert(1)</script>', 'x'.repeat(70_000)) },
  );
  if (key === 'id' || /Ids?$/.test(key) || key === 'ids') {
    const entity = key === 'id' ? METHOD_ENTITY[method.split('.')[0]!] : ID_FIELDS.find(([re]) => re.test(key))?.[1];
    const own = pools.ids[entity ?? ''] ?? [];
    return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...(own.length ? own : pools.ids['']!)) }, { weight: 1, arbitrary: fc.constantFrom(...pools.ids['']!) }, { weight: 1, arbitrary: junk });
  }
  // Written relative to the working directory, which is the test's temporary folder.
  if (PATH_KEYS.has(key)) return fc.stringMatching(/^[a-z0-9._-]{1,20}$/);
  if (key === 'data') return fc.oneof(fc.constantFrom(...pools.files), fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('base64')), fc.string({ maxLength: 30 }));
  if (key === 'fileName') return fc.oneof(fc.constantFrom('a.txt', 'b.pdf', 'c.docx', 'd.html', 'e.md', 'f.exe', 'noext', '.pdf'), junk);
  if (key === 'query') return fc.oneof(fc.constantFrom(...QUERIES), junk);
  if (schema.pattern) return fc.oneof(fc.stringMatching(new RegExp(schema.pattern)), junk);
  return junk;
}

function shaped(schema: JsonSchema, key: string, pools: Pools, method: string, depth = 0): fc.Arbitrary<unknown> {
  // Now and then a field is anything at all.
  const mutate = (a: fc.Arbitrary<unknown>) => fc.oneof({ weight: 15, arbitrary: a }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) });
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((s) => shaped(s, key, pools, method, depth)));
  if (schema.enum) return mutate(fc.constantFrom(...schema.enum));
  switch (schema.type) {
    case 'string':
      return mutate(stringFor(key, schema, pools, method));
    case 'integer':
      return mutate(fc.oneof(fc.integer({ min: Math.max(schema.minimum ?? -5, -1e9), max: Math.min(schema.maximum ?? 1e6, 1e6) }), fc.integer(), fc.constant(Number.MAX_SAFE_INTEGER)));
    case 'number':
      return mutate(fc.double({ noNaN: true, noDefaultInfinity: true }));
    case 'boolean':
      return mutate(fc.boolean());
    case 'null':
      return fc.constant(null);
    case 'array':
      return mutate(fc.array(schema.items && depth < 4 ? shaped(schema.items, key, pools, method, depth + 1) : fc.jsonValue({ maxDepth: 1 }), { maxLength: Math.min(schema.maxItems ?? 4, 4) }));
    case 'object': {
      if (depth > 4) return fc.constant({});
      const props = Object.entries(schema.properties ?? {});
      if (!props.length && typeof schema.additionalProperties === 'object') {
        return fc.dictionary(fc.oneof(fc.constantFrom(...pools.ids['']!), fc.string({ maxLength: 10 })), shaped(schema.additionalProperties, key, pools, method, depth + 1), { maxKeys: 4 });
      }
      const shape = Object.fromEntries(props.map(([k, s]) => [k, shaped(s, k, pools, method, depth + 1)]));
      const required = (schema.required ?? []).filter((k) => k in shape);
      return mutate(fc.record(shape, { requiredKeys: required }));
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function inputs(name: MethodName, pools: Pools): fc.Arbitrary<unknown> {
  const schema = z.toJSONSchema(methods[name].input as z.ZodType, { unrepresentable: 'any', io: 'input' }) as JsonSchema;
  return fc.oneof(
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    { weight: 1, arbitrary: fc.constantFrom(undefined, null, {}, [], '', 0, true, { __proto__: { id: 'x' } }, JSON.parse('{"__proto__": {"caseId": 1}}')) },
    { weight: 8, arbitrary: shaped(schema, '', pools, name) },
  );
}

let pristine: string;
let pools: Pools;
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);
let cwd: string;
let dir: string;

beforeAll(async () => {
  cwd = process.cwd();
  // Not tempDir(): it is removed after each test, and this folder lives through them all.
  dir = mkdtempSync(join(tmpdir(), 'corroborate-properties-'));
  process.chdir(dir);
  process.on('unhandledRejection', onRejection);
  pristine = join(dir, 'pristine.corroborate');
  const ctx = session(pristine);
  call(ctx, 'demo.load', {});
  const ids: Record<string, string[]> = { '': [] };
  for (const [entity, spec] of Object.entries(ENTITIES)) {
    ids[entity] = ctx.db.prepare(`SELECT id FROM ${spec.table}`).pluck().all() as string[];
    ids['']!.push(...ids[entity]!);
  }
  ctx.db.close();
  const files = [
    Buffer.from('The minister said the permits were never signed.\n'),
    makeDocx(['A statement from the ministry.']),
    makePdf([['Page one of a report.']]),
    makePdf([['Locked']], { encrypted: true }),
    Buffer.from('<html><body><script>alert(1)</script><p>Text</p></body></html>'),
  ].map((b) => b.toString('base64'));
  pools = { ids, files };
}, 60_000);

afterAll(() => {
  process.off('unhandledRejection', onRejection);
  process.chdir(cwd);
  rmSync(dir, { recursive: true, force: true });
});

function session(libraryPath: string, passphrase?: string): Context {
  return { db: openLibrary(libraryPath, passphrase === undefined ? {} : { passphrase }), libraryPath, checker: 'Property Test' };
}

/** The passphrase the library opens with after a successful call (the encryption methods change it). */
function passphraseAfter(name: MethodName, input: unknown, before: string | undefined): string | undefined {
  const i = input as { passphrase?: string; next?: string };
  if (name === 'library.encrypt') return i.passphrase;
  if (name === 'library.changePassphrase') return i.next;
  if (name === 'library.decrypt') return undefined;
  return before;
}

const NAMES = Object.keys(methods) as MethodName[];

describe('every method, fed arbitrary JSON through the dispatcher', () => {
  it('knows the error codes', () => {
    expect(KNOWN_CODES.has('BAD_INPUT')).toBe(true);
    expect(KNOWN_CODES.has('INTERNAL')).toBe(true);
    expect(KNOWN_CODES.size).toBeGreaterThan(20);
  });

  it.each(NAMES)('%s answers with a value or a coded error, never a throw or INTERNAL, and leaves the library whole', async (name) => {
    // Each method on its own copy of the demo library: a trash.empty early on cannot leave
    // the methods after it nothing to work on.
    const libraryPath = join(dir, `${name}.corroborate`);
    copyFileSync(pristine, libraryPath);
    const ctx = session(libraryPath);
    const slow = Boolean((methods[name] as { prepare?: unknown }).prepare) || name.startsWith('packets.') || name === 'demo.load';
    const seen = { ok: 0, errors: new Map<string, number>() };
    let passphrase: string | undefined;
    await fc.assert(
      fc.asyncProperty(inputs(name, pools), async (raw) => {
        // What a door hands over: the result of JSON.parse.
        const input: unknown = raw === undefined ? undefined : JSON.parse(JSON.stringify(raw));
        let internal: unknown;
        let res;
        try {
          res = await dispatchAsync(ctx, name, input, (_m, err) => (internal = err));
        } catch (err) {
          throw new Error(`${name} threw instead of answering: ${String(err)}`, { cause: err });
        }
        if (res.ok) {
          seen.ok++;
          passphrase = passphraseAfter(name, input, passphrase);
          expect(() => JSON.stringify(res.value)).not.toThrow();
          return;
        }
        seen.errors.set(res.error.code, (seen.errors.get(res.error.code) ?? 0) + 1);
        if (res.error.code === 'INTERNAL') throw new Error(`${name} failed inside: ${String((internal as Error | undefined)?.stack ?? internal)}`);
        expect(KNOWN_CODES.has(res.error.code), res.error.code).toBe(true);
        expect(typeof res.error.message).toBe('string');
        expect(res.error.message.trim().length).toBeGreaterThan(5);
      }),
      { numRuns: slow ? SLOW_RUNS : RUNS, seed: Number(process.env.PROPERTY_SEED ?? 7), endOnFailure: true },
    );
    if (process.env.PROPERTY_STATS) console.log(`${name}: ${seen.ok} ok, ${JSON.stringify(Object.fromEntries(seen.errors))}`);
    expect(rejections).toEqual([]);
    expect(seen.ok + [...seen.errors.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    // The library may now be another (backups.restore): reopen what is at the path.
    if (ctx.db.open) ctx.db.close();
    const after = session(libraryPath, passphrase);
    try {
      const health = call(after, 'library.doctor', {});
      expect(health.integrityCheck).toBe('ok');
      expect(health.ftsIntegrity).toBe('ok');
    } finally {
      after.db.close();
    }
  }, 120_000);
});
