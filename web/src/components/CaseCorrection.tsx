import { correctionReasonText } from '../withheld';
import { useTranslation } from 'react-i18next';
import { api, idempotencyKeys, unwrap } from '../api/client';
import { CaseStepRecord, CaseView, Definition, RuleSet } from '../api/types';
import { formatDay } from '../dates';
import { Session } from '../session';
import { tallyLine } from './correction-values';
import { CorrectStep } from './CorrectStep';
import { useDisclosureFocus } from './disclosure-focus';
import { actorLabel } from '../actor-name';
import { ReplacedVettingItems } from './ReplacedVettingItems';

const correctionKeys = idempotencyKeys();

export interface CaseCorrectionProps {
  view: CaseView;
  definition: Definition | undefined;
  ruleSet: RuleSet | undefined;
  session: Session;
  /** The case's If-Match and Idempotency-Key headers for a body. */
  headers(body: unknown, keys: (body: unknown) => string): Record<string, string>;
  /** Whether the form is open (the current step's form hides meanwhile: one form at a time). */
  open: boolean;
  setOpen(open: boolean): void;
  /** After a recorded correction; a stale revision (409) is the caller's to show. */
  done(): Promise<void>;
}

/** "Sửa bước" on the case view: for the roles the definition lets correct, while the server offers it. */
export function CaseCorrection(props: CaseCorrectionProps) {
  const { t } = useTranslation();
  const { view, definition, session, open, setOpen } = props;
  // «Sửa bước» opens the form in its place: its first field takes focus, and «Hủy» gives it back
  // to the button (before: focus fell to <body>).
  const focus = useDisclosureFocus(open ? 'correct' : null);
  const link = view.allowedNext.find((next) => next.action === 'correct-step');
  const may = Boolean(link?.roles?.some((role) => session.roles.includes(role)));
  const step = definition?.steps.find((s) => s.id === link?.stepId);
  const record = [...view.steps].reverse().find((r) => r.stepId === link?.stepId);
  if (!link || !may || !step || !record) return null;
  if (!open)
    return (
      <p>
        <button
          ref={focus.openerRef('correct')}
          type="button"
          className="secondary"
          onClick={() => setOpen(true)}
        >
          {t('correction.action')}
        </button>
      </p>
    );
  const submit = async (body: Record<string, unknown>) => {
    await unwrap(
      api.POST('/cases/{id}/steps/{stepId}/corrections', {
        params: { path: { id: view.id, stepId: step.id } },
        body: body as never,
        headers: props.headers({ correct: step.id, body }, correctionKeys),
      }),
    );
    setOpen(false);
    await props.done();
  };
  return (
    <div ref={focus.panelRef}>
      <CorrectStep
        view={view}
        step={step}
        record={record}
        ruleSet={props.ruleSet}
        submit={submit}
        cancel={() => {
          focus.cancelled();
          setOpen(false);
        }}
      />
    </div>
  );
}

/**
 * A step's corrections under its record: when, by whom (their name, as a complaint names who
 * recorded it; the user id only when no name was recorded), why, and the version replaced.
 */
export function CorrectionNotes({
  record,
  people,
  reasonText = (text) => text,
}: {
  record: CaseStepRecord;
  /** The case's people by name: a nomination's replaced counts name each candidate. */
  people?: Record<string, string>;
  /** A note the server wrote (a replaced vetting item's), in the reader's language. */
  reasonText?(text: string): string;
}) {
  const { t } = useTranslation();
  return (
    <>
      {(record.corrections ?? []).map((note, index) => (
        <div key={index} className="muted" data-testid="step-correction">
          {t('correction.corrected', {
            date: formatDay(note.correctedOn),
            by: actorLabel(note.correctedBy, note.correctedByName, t('audit.systemActor')),
            reason: correctionReasonText(note.reason, t('case.hidden')),
          })}
          <br />
          {t('correction.replaced', {
            summary: [
              note.replaced.outcome
                ? t(`outcome.${note.replaced.outcome}`, { defaultValue: note.replaced.outcome })
                : null,
              tallyLine(
                note.replaced,
                (key) => t(`form.${key}`),
                (id) => people?.[id] ?? id,
              ),
              note.replaced.minutesRef,
            ]
              .filter(Boolean)
              .join(' · '),
          })}
          <ReplacedVettingItems replaced={note.replaced} reasonText={reasonText} />
        </div>
      ))}
    </>
  );
}
