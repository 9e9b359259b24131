// Every engine the benchmark compares, by name, loaded on demand (so a cold-start process
// loads only the one it measures).

import type { EngineFactory } from './types.js';

export const ENGINES = {
  raw: async () => (await import('./engines/sqlite.js')).rawFts,
  ours: async () => (await import('./engines/sqlite.js')).searchQuery(['claim']),
  'ours-all': async () => (await import('./engines/sqlite.js')).searchQuery(),
  previous: async () => (await import('./engines/previous.js')).previousSearch(['claim']),
  'previous-all': async () => (await import('./engines/previous.js')).previousSearch(),
  minisearch: async () => (await import('./engines/minisearch.js')).minisearch,
  flexsearch: async () => (await import('./engines/flexsearch.js')).flexsearch(),
  'flexsearch-forward': async () => (await import('./engines/flexsearch.js')).flexsearch('forward'),
  fuse: async () => (await import('./engines/fuse.js')).fuse,
} satisfies Record<string, () => Promise<EngineFactory>>;

export type EngineName = keyof typeof ENGINES;

export const isEngineName = (name: string): name is EngineName => Object.hasOwn(ENGINES, name);

/** The engines a run compares when BENCH_ENGINES does not say: the earlier build's only when BENCH_PREVIOUS names one. */
export const defaultEngines = (): EngineName[] => (Object.keys(ENGINES) as EngineName[]).filter((n) => process.env.BENCH_PREVIOUS || !n.startsWith('previous'));
