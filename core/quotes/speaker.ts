// The speaker as the extractor understood them, in the shape the accept flow turns into sources:
// a name (or, for someone unnamed, the description to use), person or organisation, the role
// as written and the organisation it names ("drug policy researcher at RAND Corp." → role "drug
// policy researcher", affiliation "RAND Corp."), so the person can be linked to it.

import type { Entity } from './registry.js';
import type { SpeakerDetail } from './types.js';

/** "at", "of", "for", "with" and then a capitalised name: "president of the Research Center for Peace in Beirut". */
const AFFILIATION = /\s*\b(?:at|of|for|with)\s+(?:the\s+)?(\p{Lu}[\p{L}\p{N}.&'’-]*(?:\s+(?:(?:of|for|on|and|the|de|&)\s+)*\p{Lu}[\p{L}\p{N}.&'’-]*)*)/u;

export function speakerDetail(entity: Entity): SpeakerDetail {
  if (entity.name === null) {
    return { name: null, kind: entity.kind, ...(entity.description ? { description: entity.description } : {}), ...(entity.role ? { role: entity.role } : {}) };
  }
  const detail: SpeakerDetail = { name: entity.name, kind: entity.kind };
  const role = entity.role?.trim();
  if (!role) return detail;
  if (entity.kind === 'organisation') return { ...detail, role };
  const m = AFFILIATION.exec(role);
  if (!m) return { ...detail, role };
  const before = role.slice(0, m.index).replace(/[\s,]+$/, '');
  const after = role.slice(m.index + m[0].length).replace(/^\s*in\s+\p{Lu}[\p{L}.\s-]*$/u, '').trim();
  const rest = [before, after.replace(/^[\s,]+/, '')].filter(Boolean).join(', ');
  return { ...detail, role: rest || role, affiliation: withoutFinalStop(m[1]!) };
}

/** "Brookings Institution." loses the sentence's full stop; "RAND Corp." keeps its own. */
function withoutFinalStop(name: string): string {
  return /\b(?:Corp|Inc|Co|Ltd|Bros|Jr|Sr)\.$/.test(name) ? name : name.replace(/[.,]$/, '');
}

/** The string kept in `speaker` for the CLI's JSON and the scorer: the name, else the description. */
export function speakerLabel(entity: Entity | null): string | null {
  if (!entity) return null;
  return entity.name ?? entity.description ?? entity.role ?? null;
}
