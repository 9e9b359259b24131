import type { ClaimStatus } from '../../../../db/types';
import { STATUS_LABELS } from '../../labels';
import { EDGE_STYLES, NODE_COLOURS, STATUS_COLOURS, type EdgeLook } from '../../../../shared/map-palette';
import { SIDE_COLOURS } from './style';

/** What the colours and lines of the map mean; drawn with the same palette as the map. In focus mode, the sides' halos too. */
export function MapLegend({ sides }: { sides: boolean }) {
  const statuses = Object.keys(STATUS_COLOURS) as ClaimStatus[];
  const looks = Object.keys(EDGE_STYLES) as EdgeLook[];
  return (
    <div className="map-legend" role="group" aria-label="Legend">
      <ul aria-label="Nodes">
        {[...statuses.map((s) => ({ key: s, label: STATUS_LABELS[s], ...STATUS_COLOURS[s], round: 3 })), { key: 'source', label: 'Source', ...NODE_COLOURS.source, round: 6 }, { key: 'document', label: 'Document', ...NODE_COLOURS.document, round: 0 }].map((n) => (
          <li key={n.key}>
            <svg width="22" height="14" aria-hidden="true">
              <rect x="1" y="1" width="20" height="12" rx={n.round} fill={n.fill} stroke={n.line} strokeWidth="2" />
            </svg>
            {n.label}
          </li>
        ))}
      </ul>
      {sides && (
        <ul aria-label="Sides of the focused claim">
          {(
            [
              ['for', 'For the focused claim (left)'],
              ['against', 'Against it (right)'],
            ] as const
          ).map(([side, label]) => (
            <li key={side}>
              <svg width="22" height="14" aria-hidden="true">
                <rect x="0" y="0" width="22" height="14" rx="5" fill={SIDE_COLOURS[side]} opacity="0.3" />
                <rect x="4" y="3" width="14" height="8" rx="2" fill="#fff" stroke="#555" />
              </svg>
              {label}
            </li>
          ))}
        </ul>
      )}
      <ul aria-label="Lines">
        {looks.map((l) => (
          <li key={l}>
            <svg width="30" height="10" aria-hidden="true">
              <line
                x1="1"
                y1="5"
                x2="29"
                y2="5"
                stroke={EDGE_STYLES[l].colour}
                strokeWidth={Math.min(EDGE_STYLES[l].width, 3.5)}
                strokeDasharray={EDGE_STYLES[l].dash?.join(' ')}
              />
            </svg>
            {EDGE_STYLES[l].label}
          </li>
        ))}
      </ul>
    </div>
  );
}
