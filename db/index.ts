// db/: everything that speaks SQL. Nothing else in the project does.
export * from './errors.js';
export * from './ids.js';
export * from './open.js';
export { MAX_STATEMENTS, preparedCount, uncached } from './statement-cache.js';
export * from './lock.js';
export * from './queries.js';
export * from './records.js';
export * from './relations.js';
export * from './search.js';
export { oneLine } from './display-text.js';
export * from './types.js';
export { LATEST_VERSION, migrations } from './migrations/index.js';
export * from './corroboration.js';
export * from './note-links.js';
export * from './undo.js';
export * from './saved-searches.js';
export * from './map-positions.js';
export * from './proposal-rejections.js';
