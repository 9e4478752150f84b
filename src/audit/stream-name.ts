/**
 * Streams are named `<kind>-<id>`: `appointment-<id>`, `reappointment-<id>`, `rotation-<id>`,
 * `discipline-<id>` for cases (hồ sơ) and `cadre-<id>` for a person (cán bộ). Ids may contain
 * hyphens (UUIDs), kinds never do, so the kind ends at the first hyphen.
 */
export interface StreamName {
  kind: string;
  id: string;
}

/** The kind of a person's own stream; every other kind is a case. */
export const PERSON_STREAM_KIND = 'cadre';

export function parseStreamName(streamId: string): StreamName {
  const dash = streamId.indexOf('-');
  if (dash <= 0 || dash === streamId.length - 1) return { kind: streamId, id: streamId };
  return { kind: streamId.slice(0, dash), id: streamId.slice(dash + 1) };
}
