/**
 * The forms whose decisions ended the post before a decision said so itself: until Dec 2026 the
 * engine ended the post for these four under every rule set (the tracks' forms kept each case to
 * its own). It reads stored decisions only; a new decision carries `endsPost` from its rule set's
 * `discipline.formsEndingPost`.
 */
const FORMS_THAT_ENDED_THE_POST_BEFORE_DEC_2026 = [
  'removal_from_post',
  'dismissal',
  'recall',
  'expulsion',
];

/** Whether a discipline decision ends the person's post, as the decision recorded it. */
export function decisionEndsPost(decision: { form: string; endsPost?: boolean }): boolean {
  return decision.endsPost ?? FORMS_THAT_ENDED_THE_POST_BEFORE_DEC_2026.includes(decision.form);
}
