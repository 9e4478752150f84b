import { StepDefinition } from './api/types';

/** A step's title in the reader's language, found by its id among `steps`; the id when none has it. */
export function stepTitleOf(
  steps: readonly StepDefinition[] | undefined,
  stepId: string,
  language: string,
): string {
  const step = steps?.find((s) => s.id === stepId);
  if (!step) return stepId;
  return language === 'en' ? step.title : step.titleVi;
}
