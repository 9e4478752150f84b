/**
 * What a sensitive read was of: the access log stores `<kind> <route parameters>` (e.g.
 * `person record p-nguyen-van-an`); the kind is one of these, so a reader of the log gets it back
 * in their own language and the subject by its name.
 */
export const SENSITIVE_READ_KINDS = [
  'audit export',
  'case',
  'case history',
  'case history CSV',
  'case proof',
  'discipline case',
  'discipline register',
  'person eligibility',
  'person history',
  'person record',
  'personnel report',
] as const;

export type SensitiveReadKind = (typeof SENSITIVE_READ_KINDS)[number];

/** The kinds whose subject is a person (`cadres/:id…`): the log names them. */
export const PERSON_READ_KINDS: readonly SensitiveReadKind[] = [
  'person eligibility',
  'person history',
  'person record',
];

/**
 * The kinds whose subject is a case (`cases/:id…`, `discipline-cases/:id`): the log names the case
 * by whom it is about, as a person read is named. Before, «Đọc gì» read «Hồ sơ kỷ luật: d-fce9…».
 */
export const CASE_READ_KINDS: readonly SensitiveReadKind[] = [
  'case',
  'case history',
  'case history CSV',
  'case proof',
  'discipline case',
];

/** A stored resource split into its kind and subject (null kind: written before the kinds were known). */
export function readKindOf(resource: string): {
  kind: SensitiveReadKind | null;
  subject: string | null;
} {
  // The longest kind first: `case history CSV x` is not `case history` of `CSV x`.
  const kind = [...SENSITIVE_READ_KINDS]
    .sort((a, b) => b.length - a.length)
    .find((k) => resource === k || resource.startsWith(`${k} `));
  if (!kind) return { kind: null, subject: null };
  const subject = resource.slice(kind.length).trim();
  return { kind, subject: subject || null };
}
