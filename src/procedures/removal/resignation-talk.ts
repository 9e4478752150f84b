import { ProcedureDefinition } from '../../workflow/definitions/procedure-definition';
import { GoverningDeadline } from '../../workflow/step-engine';

/** How the views name the resignation talk's time limit when it is the talk's due day. */
export const RESIGNATION_TALK_RULE = 'removal.resignation.talk';

/**
 * The talk with a cadre who resigns (gặp gỡ, trao đổi) is due so many working days after the
 * letter arrived (`talkDueBy`, QĐ 41-QĐ/TW art. 8), not after the day the case was typed in: it
 * governs the definition's first step, the talk, whatever day the case opened.
 */
export function resignationTalkDeadline(
  facts: Record<string, unknown>,
  definition: ProcedureDefinition,
): GoverningDeadline | null {
  const talkDueBy = facts.talkDueBy;
  if (typeof talkDueBy !== 'string' || definition.steps.length === 0) return null;
  return { dueOn: talkDueBy, rule: RESIGNATION_TALK_RULE, stepIds: [definition.steps[0].id] };
}
