import { Actor } from '../../identity/actor';
import {
  correctionReasonWithheld,
  discloseBallot,
  DisclosureContext,
} from '../../identity/ballot-disclosure';
import { ProcedureDefinition } from '../definitions/procedure-definition';
import { LastStep } from './last-step';
import { stepById } from './prologue';
import { stepView } from './step-view';

/** A correction as a case keeps it: the step, why, who, when, and the version it replaced. */
export interface CorrectionNoteView {
  stepId: string;
  reason: string;
  correctedBy: string;
  /** The corrector's name, when their token gave one. */
  correctedByName?: string;
  correctedOn: string;
  replaced: { type: string; data: Record<string, unknown> };
  /** Kept for counting a step's visits; the replaced version and the step itself show it. */
  correctedNextStepId?: string | null;
}

/**
 * A step's corrections for the case view: each with the version it replaced, as the reader may
 * see it (a replaced secret tally is withheld like the corrected one). A correction's reason is
 * withheld only from the subject and the candidates (correctionReasonWithheld).
 */
export function correctionsOf(
  stepId: string,
  notes: CorrectionNoteView[],
  actor: Actor,
  context: DisclosureContext,
): Record<string, unknown>[] {
  return notes
    .filter((note) => note.stepId === stepId)
    .map(({ replaced, reason, correctedNextStepId: _correctedNextStepId, ...note }) => {
      const because = discloseBallot(actor, replaced, context).reason;
      const withheld = correctionReasonWithheld(because);
      return {
        ...note,
        // As a withheld field reads everywhere: the reason it is withheld in its place.
        reason: withheld ? because : reason,
        ...(withheld ? { withheld: ['reason'] } : {}),
        replaced: stepView(replaced, actor, context),
      };
    });
}

/**
 * The link to correct the last performed step, while it may be: the definition names who may,
 * no later step or change has overtaken it, and it is no decision.
 */
export function correctStepLink(
  lastStep: LastStep<unknown> | null,
  definition: ProcedureDefinition,
  caseHref: string,
): Record<string, unknown> | null {
  if (!lastStep || lastStep.laterEvent || !definition.corrections) return null;
  const step = stepById(definition, lastStep.stepId);
  if (!step || step.kind === 'decision') return null;
  return {
    action: 'correct-step',
    stepId: step.id,
    kind: step.kind,
    roles: definition.corrections.roles,
    href: `${caseHref}/steps/${step.id}/corrections`,
  };
}

/** A case's step events as the reader may see them, each with its corrections. */
export function stepsWithCorrections(
  steps: { type: string; data: object }[],
  notes: CorrectionNoteView[],
  actor: Actor,
  context: DisclosureContext,
): Record<string, unknown>[] {
  return steps.map((event) => {
    const view = stepView(event, actor, context);
    const stepId = String((event.data as { stepId?: string }).stepId);
    const corrections = correctionsOf(stepId, notes, actor, context);
    return corrections.length ? { ...view, corrections } : view;
  });
}
