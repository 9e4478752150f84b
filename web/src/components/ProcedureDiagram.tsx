import { useTranslation } from 'react-i18next';
import { CaseView, Definition } from '../api/types';

type StepState = 'done' | 'current' | 'todo' | 'stopped';

/** Each step of the pinned definition with where the case stands: done, current, to come, stopped. */
export function stepStates(view: CaseView, definition: Definition): StepState[] {
  const ids = definition.steps.map((step) => step.id);
  if (view.status === 'decided') return ids.map(() => 'done');
  let at: number;
  if (view.status === 'open' && view.currentStep) at = ids.indexOf(view.currentStep.id);
  else if (view.status === 'rejected' && typeof view.rejection?.stepId === 'string')
    at = ids.indexOf(view.rejection.stepId);
  else {
    const recorded = new Set(view.steps.map((s) => s.stepId).filter(Boolean));
    at = ids.findIndex((id) => !recorded.has(id));
    if (at < 0) at = ids.length;
  }
  return ids.map((_, index) =>
    index < at ? 'done' : index === at ? (view.status === 'open' ? 'current' : 'stopped') : 'todo',
  );
}

/** The procedure drawn from its definition: one box per step, arrows between, branches where the rule has them. */
export function ProcedureDiagram({ view, definition }: { view: CaseView; definition: Definition }) {
  const { t, i18n } = useTranslation();
  const states = stepStates(view, definition);
  return (
    <figure className="diagram">
      <figcaption>
        {t('case.diagram')}: {i18n.language === 'en' ? definition.title : definition.titleVi}
      </figcaption>
      <ol>
        {definition.steps.map((step, index) => {
          const state = states[index];
          return (
            <li
              key={step.id}
              className={`step ${state}`}
              aria-current={state === 'current' ? 'step' : undefined}
              data-step={step.id}
            >
              <span className="step-no" aria-hidden="true">
                {index + 1}
              </span>
              <span className="step-title">
                {i18n.language === 'en' ? step.title : step.titleVi}
              </span>
              <span className="step-state">
                {t(`case.${state}`)} · {t(`roles.${step.actors.roles[0]}`)}
              </span>
              {step.voteRule?.headBreaksTie && <span className="branch">↳ {t('case.tie')}</span>}
              {step.voteRule?.reference && (
                <span className="branch">↳ {t('case.referenceStep')}</span>
              )}
            </li>
          );
        })}
      </ol>
    </figure>
  );
}
