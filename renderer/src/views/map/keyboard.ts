// Moving between the map's nodes with the arrow keys: the nearest shown node that lies that
// way, preferring those straight ahead over those off to the side.

import type { Core } from 'cytoscape';

export type Direction = 'left' | 'right' | 'up' | 'down';

interface Point {
  x: number;
  y: number;
}

/** Of `candidates`, the one an arrow key pressed at `from` goes to, or null if none lies that way. */
export function nearestInDirection(from: Point, dir: Direction, candidates: Iterable<[string, Point]>): string | null {
  let best: string | null = null;
  let bestScore = Infinity;
  for (const [id, p] of candidates) {
    const dx = p.x - from.x;
    const dy = p.y - from.y;
    const ahead = dir === 'right' ? dx : dir === 'left' ? -dx : dir === 'down' ? dy : -dy;
    const aside = Math.abs(dir === 'left' || dir === 'right' ? dy : dx);
    if (ahead <= 0) continue;
    // Off to the side counts double: the next node in a column beats a nearer one across.
    const score = ahead + 2 * aside;
    if (score < bestScore) {
      bestScore = score;
      best = id;
    }
  }
  return best;
}

export function nextInDirection(cy: Core, fromId: string, dir: Direction, shown: Set<string>): string | null {
  const from = cy.getElementById(fromId);
  if (from.empty()) return null;
  const candidates: [string, Point][] = [];
  cy.nodes().forEach((n) => {
    if (n.id() !== fromId && shown.has(n.id())) candidates.push([n.id(), n.position()]);
  });
  return nearestInDirection(from.position(), dir, candidates) ?? fromId;
}
