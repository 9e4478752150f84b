/** The record's statuses that put a person out of the service (the server's left-service.ts). */
const OUT_OF_SERVICE = ['retired', 'left_service'];

export interface StatusPeriod {
  status: string;
  from: string;
  until: string | null;
}

/**
 * The retired or left_service period covering the detection day on a civil-service case, as the
 * server's opening reads it (`leftServiceOn`, Luật Cán bộ, công chức 2025 art. 43(3)(c)); null for
 * a Party case or one serving. The server judges the form sent again on opening.
 */
export function leftServiceOn(
  track: string,
  statuses: readonly StatusPeriod[],
  detectedOn: string,
): { status: 'retired' | 'left_service'; from: string } | null {
  if (track !== 'civil_service') return null;
  const period = statuses.find(
    (s) =>
      OUT_OF_SERVICE.includes(s.status) &&
      s.from <= detectedOn &&
      (s.until === null || s.until >= detectedOn),
  );
  return period ? { status: period.status as 'retired' | 'left_service', from: period.from } : null;
}

/**
 * The forms of the track a person may be given: one who left the service or retired only the
 * rule set's forms for them (`discipline.formsAfterLeavingService`), one serving the track's forms
 * (`discipline.forms`), as the server judges. Shared by the case page and the opening form.
 */
export function formsByService(
  params: Record<string, { value: unknown } | undefined> | undefined,
  track: string,
  leftService: boolean,
): string[] {
  const afterLeaving = params?.['discipline.formsAfterLeavingService']?.value as
    string[] | undefined;
  if (leftService && afterLeaving) return afterLeaving;
  return (
    (params?.['discipline.forms']?.value as Record<string, string[]> | undefined)?.[track] ?? []
  );
}
