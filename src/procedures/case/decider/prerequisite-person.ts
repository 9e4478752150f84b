import { refuse } from '../../../workflow/step-engine/refuse';

/**
 * A case an appointment rests on that was asked for one person (an approval in principle, the
 * other body's agreement, hiệp y): it covers that person only, whoever the appointment case
 * names when it opens, nominates or decides.
 */
export interface PrerequisitePerson {
  /** `appointment.consultation`: the refusal is `<rule>_other_person`. */
  rule: string;
  /** The opening's field that names the case (`consultationCaseId`). */
  field: string;
  caseId: string;
  /** What it asked for the person: "approval", "agreement". */
  asks: string;
  personId: string;
}

/**
 * Refuses a person the prerequisite was not asked for, 422 `<rule>_other_person` naming `field`
 * (the prerequisite's own field unless the body names the person elsewhere), the case and both
 * people; `as` says what the person would become ("a nominee").
 */
export function refuseOtherPerson(
  prerequisite: PrerequisitePerson,
  personId: string,
  where: { field?: string; as?: string } = {},
): void {
  if (!personId || prerequisite.personId === personId) return;
  const field = where.field ?? prerequisite.field;
  const becomes = where.as ? `${personId} would become ${where.as}, but ` : '';
  const on = where.field ? `${prerequisite.field} ` : '';
  refuse(
    `${prerequisite.rule}_other_person`,
    `${field}: ${becomes}${on}${prerequisite.caseId} asks ${prerequisite.asks} for ${prerequisite.personId}, not ${personId}`,
    'unprocessable',
    field,
    { prerequisiteCaseId: prerequisite.caseId, askedFor: prerequisite.personId, personId },
  );
}

/**
 * A post case's nomination: nobody it selects goes forward unless every prerequisite was asked
 * for them (before: a case opened for the post named the approval asked for one person, and its
 * nominations and ballots appointed another). The field is the candidate's.
 */
export function refuseNomineesNotAskedFor(
  selected: readonly string[],
  candidates: readonly { personId: string }[],
  prerequisites: readonly PrerequisitePerson[] | undefined,
): void {
  for (const prerequisite of prerequisites ?? [])
    for (const personId of selected) {
      const index = candidates.findIndex((c) => c.personId === personId);
      refuseOtherPerson(prerequisite, personId, {
        field: `candidates[${index}].personId`,
        as: 'a nominee',
      });
    }
}

/** The decision appoints only the person every prerequisite was asked for. */
export function refuseAppointeeNotAskedFor(
  appointee: string,
  prerequisites: readonly PrerequisitePerson[] | undefined,
): void {
  for (const prerequisite of prerequisites ?? [])
    refuseOtherPerson(prerequisite, appointee, { as: 'the appointee' });
}
