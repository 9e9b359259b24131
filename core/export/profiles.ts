// Who a packet is for decides what it may carry. A profile lists the fields it includes and the
// attribution levels whose claims it includes; everything else is left out of the packet model
// before any renderer sees it.

import { z } from 'zod';
import { ATTRIBUTIONS, type Attribution } from '../../db/types.js';

export const PROFILE_FIELDS = {
  confidentialIdentities: 'Names, aliases and roles of confidential sources (otherwise each is shown by its description)',
  contactDetails: 'Contact details of sources',
  sourceNotes: 'Private notes on sources and who knows a confidential identity',
  anonymityReasons: 'Why a confidential source was granted anonymity',
  verificationHistory: 'The whole verification log of each claim (otherwise only its latest entry)',
  evidence: 'Documents and excerpts backing or disputing each claim',
  evidenceFiles: 'The original evidence files (ZIP only)',
  counterclaims: 'Claims that dispute, support or qualify each claim',
  replies: 'The right-of-reply log',
  people: 'Names of the checkers and of who exported the packet',
  claimMap: 'The claim map, as a picture of what this packet includes (named as it names them)',
} as const;

export type ProfileField = keyof typeof PROFILE_FIELDS;
export const FIELD_NAMES = Object.keys(PROFILE_FIELDS) as [ProfileField, ...ProfileField[]];

export interface Profile {
  /** factChecker, editor, lawyer, or custom. */
  name: string;
  label: string;
  description: string;
  fields: Record<ProfileField, boolean>;
  /** Claims said at these levels are included; off the record only when listed explicitly. */
  attributions: Attribution[];
}

const ON_RECORD_TO_DEEP: Attribution[] = ['on_record', 'background', 'deep_background'];

const all = (value: boolean): Record<ProfileField, boolean> => Object.fromEntries(FIELD_NAMES.map((f) => [f, value])) as Record<ProfileField, boolean>;

export const BUILT_IN_PROFILES = {
  factChecker: {
    name: 'factChecker',
    label: 'Fact-checker',
    description: 'Everything: identities, contact details, full verification history, evidence and original files.',
    fields: all(true),
    attributions: ON_RECORD_TO_DEEP,
  },
  editor: {
    name: 'editor',
    label: 'Editor',
    description: 'A summary: confidential sources by their description, no contact details, latest verification entry only.',
    fields: { ...all(true), confidentialIdentities: false, contactDetails: false, sourceNotes: false, verificationHistory: false, evidenceFiles: false },
    attributions: ON_RECORD_TO_DEEP,
  },
  lawyer: {
    name: 'lawyer',
    label: 'Lawyer',
    description: 'Full claims and evidence; confidential identities and every contact detail redacted.',
    fields: { ...all(true), confidentialIdentities: false, contactDetails: false, sourceNotes: false },
    attributions: ON_RECORD_TO_DEEP,
  },
} satisfies Record<string, Profile>;

export type BuiltInProfileName = keyof typeof BUILT_IN_PROFILES;
export const BUILT_IN_NAMES = Object.keys(BUILT_IN_PROFILES) as [BuiltInProfileName, ...BuiltInProfileName[]];

const squash = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * A built-in profile's name as a person types it (`fact-checker`, `factChecker`, `Fact checker`,
 * `LAWYER`): letters and digits compared without case, with its name or its label; undefined
 * when it names none.
 */
export function builtInProfileName(text: string): BuiltInProfileName | undefined {
  return BUILT_IN_NAMES.find((n) => squash(n) === squash(text) || squash(BUILT_IN_PROFILES[n].label) === squash(text));
}

/** A custom profile: a built-in to start from, and the fields and attribution levels to change. */
export const customProfileSchema = z.strictObject({
  base: z.enum(BUILT_IN_NAMES).default('lawyer'),
  label: z.string().trim().min(1).max(80).optional(),
  fields: z.partialRecord(z.enum(FIELD_NAMES), z.boolean()).default({}),
  attributions: z
    .array(z.enum(ATTRIBUTIONS))
    .min(1, 'include at least one attribution level')
    .max(ATTRIBUTIONS.length)
    .optional(),
});

export const profileInput = z.union([z.enum(BUILT_IN_NAMES), customProfileSchema]);

/** The profile a caller asked for: a built-in by name, or a custom one built on a built-in. */
export function resolveProfile(input: z.output<typeof profileInput>): Profile {
  if (typeof input === 'string') return BUILT_IN_PROFILES[input];
  const base = BUILT_IN_PROFILES[input.base];
  const attributions = input.attributions ? [...new Set(input.attributions)] : base.attributions;
  return {
    name: 'custom',
    label: input.label ?? `Custom (from ${base.label})`,
    description: `Built on the ${base.label} profile with its own choice of fields.`,
    fields: { ...base.fields, ...input.fields },
    attributions: ATTRIBUTIONS.filter((a) => attributions.includes(a)),
  };
}
