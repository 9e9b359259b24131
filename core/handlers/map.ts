// The claim map of a case (db/graph.ts reads it), and where the reporter placed its nodes.

import { z } from 'zod';
import { caseGraph, savedPositions, savePositions } from '../../db/index.js';
import { method } from '../method.js';
import { byCase, id } from '../schemas.js';
import { liveCase } from '../record-rules.js';

const coordinate = z.number().finite().min(-1e7).max(1e7);
const positions = z.record(id, z.strictObject({ x: coordinate, y: coordinate }));

export const mapMethods = {
  'map.graph': method({
    summary: 'The claim map of a case: claims, their sources and its documents as nodes; said-by, claim links and evidence as edges.',
    input: byCase,
    write: false,
    run: (ctx, { caseId }) => {
      liveCase(ctx, caseId);
      return caseGraph(ctx.db, caseId);
    },
  }),
  'map.positions.get': method({
    summary: 'Where the reporter placed the map’s nodes in a case, by node id.',
    input: byCase,
    write: false,
    run: (ctx, { caseId }) => savedPositions(ctx.db, caseId),
  }),
  'map.positions.save': method({
    summary: 'Keeps where the reporter dragged map nodes (merged with those kept before); with reset, forgets them all first.',
    input: z.strictObject({ caseId: id, positions: positions.refine((p) => Object.keys(p).length <= 20_000, 'at most 20,000 positions'), reset: z.boolean().optional() }),
    write: true,
    run: (ctx, { caseId, positions: placed, reset }) => {
      liveCase(ctx, caseId);
      savePositions(ctx.db, caseId, placed, reset);
      return { saved: Object.keys(placed).length };
    },
  }),
};
