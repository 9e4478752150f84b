import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CaseWithNames } from '../api/hooks';
import { StepDefinition } from '../api/types';
import { formatDay, parseDay, vietnamToday } from '../dates';
import { ApiError } from '../api/client';
import { parseScoreList, unreadableScore } from '../exam/score-list';
import { useReasonText } from '../server-text/use-reason-text';
import { ErrorBox, refusalLine, ruleTitle } from './common';
import { useFocusOnInvalid } from './focus-on-invalid';
import { PersonPicker } from './PersonPicker';

/** The candidate a refusal's field names: `scores[1].memberScores[0]` → the second standing. */
const SCORES_FIELD = /^scores\[(\d+)\]\.memberScores/;

/**
 * The examination's own steps (thi tuyển): the candidates who registered, whose records the
 * server checks against the post's standards; then, for each part, the board's scores of every
 * candidate still standing, one score per member present. The server judges the pass mark and the
 * winner; its refusal is shown with the rule it names.
 */
export function ExamStepForm({
  view,
  step,
  submit,
}: {
  view: CaseWithNames;
  step: StepDefinition;
  submit: (body: Record<string, unknown>) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<string, string>>({
    heldOn: formatDay(vietnamToday()),
  });
  const [candidates, setCandidates] = useState<{ id: string; name: string }[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const reasonText = useReasonText(view.names);
  const [busy, setBusy] = useState(false);
  const set = (key: string) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const standing = view.nominees ?? [];
  const name = (id: string) => view.names?.people[id] ?? id;

  const body = (): Record<string, unknown> => {
    const common = {
      heldOn: parseDay(values.heldOn ?? '') ?? values.heldOn,
      ...(values.minutesRef?.trim() ? { minutesRef: values.minutesRef.trim() } : {}),
    };
    if (step.kind === 'registration')
      return { ...common, candidates: candidates.map((c) => ({ personId: c.id })) };
    return {
      ...common,
      board: { members: Number(values.members ?? ''), present: Number(values.present ?? '') },
      scores: standing.map((personId) => ({
        personId,
        memberScores: parseScoreList(values[`scores.${personId}`] ?? ''),
      })),
      ...(values.winnerChoice ? { winnerChoice: values.winnerChoice } : {}),
    };
  };
  /** A refusal in the reader's words: people by name, not by id (before: "4 scores for p-…"). */
  const withNames = (text: string) =>
    [...standing, ...Object.keys(view.names?.people ?? {})].reduce(
      (said, id) => said.split(id).join(name(id)),
      reasonText(text).replace(/^[\w.[\]]+: /, ''),
    );
  // A score the form cannot read, or one the server refuses: focus goes to that candidate's
  // scores (before: it stayed on «Ghi nhận»).
  const { formRef, focusFirstInvalid } = useFocusOnInvalid<HTMLFormElement>();
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setFieldErrors({});
    if (step.kind !== 'registration') {
      const unreadable = Object.fromEntries(
        standing
          .map((id) => [id, unreadableScore(values[`scores.${id}`] ?? '')] as const)
          .filter(([, token]) => token !== null)
          .map(([id, token]) => [`scores.${id}`, t('exam.notAScore', { token })]),
      );
      setFieldErrors(unreadable);
      if (Object.keys(unreadable).length) {
        focusFirstInvalid();
        return;
      }
    }
    setBusy(true);
    try {
      await submit(body());
    } catch (e) {
      // A refusal about one candidate's scores shows on their field, in names.
      const at = e instanceof ApiError ? SCORES_FIELD.exec(e.field ?? '') : null;
      const personId = at ? standing[Number(at[1])] : undefined;
      if (e instanceof ApiError && personId) {
        setFieldErrors({
          [`scores.${personId}`]: t('form.refused', {
            message: refusalLine(e.rule ? ruleTitle(t, e) : null, withNames(e.message)),
          }),
        });
        focusFirstInvalid();
      } else setError(e);
    } finally {
      setBusy(false);
    }
  };
  const field = (id: string, label: string, hint?: string) => {
    const err = fieldErrors[id];
    const describedBy = [hint && `ex-${id}-hint`, err && `ex-${id}-error`].filter(Boolean);
    return (
      <div className={`field${err ? ' has-error' : ''}`} key={id}>
        <label htmlFor={`ex-${id}`}>{label}</label>
        <input
          id={`ex-${id}`}
          value={values[id] ?? ''}
          onChange={(e) => set(id)(e.target.value)}
          aria-invalid={err ? true : undefined}
          aria-describedby={describedBy.length ? describedBy.join(' ') : undefined}
        />
        {hint && (
          <div className="hint" id={`ex-${id}-hint`}>
            {hint}
          </div>
        )}
        {err && (
          <div className="field-error" id={`ex-${id}-error`} role="alert">
            {err}
          </div>
        )}
      </div>
    );
  };

  return (
    <form ref={formRef} onSubmit={(e) => void onSubmit(e)} data-testid="exam-step">
      <div className="row wrap">
        {field('heldOn', t('form.heldOn'))}
        {field('minutesRef', t('form.minutesRef'))}
      </div>
      {step.kind === 'registration' ? (
        <fieldset>
          <legend>{t('exam.candidates')}</legend>
          <ul data-testid="exam-candidates">
            {candidates.map((c) => (
              <li key={c.id}>
                {c.name}{' '}
                <button
                  type="button"
                  onClick={() => setCandidates((list) => list.filter((x) => x.id !== c.id))}
                >
                  {t('exam.remove')}
                </button>
              </li>
            ))}
          </ul>
          <PersonPicker
            id="ex-person"
            searchLabel={t('exam.findCandidate')}
            pickLabel={t('exam.addCandidate')}
            value=""
            onPick={(found) => {
              if (found && !candidates.some((c) => c.id === found.id))
                setCandidates((list) => [...list, { id: found.id, name: found.fullName }]);
            }}
          />
          <p className="hint">{t('exam.standardsHint')}</p>
        </fieldset>
      ) : (
        <>
          <fieldset>
            <legend>{t('exam.board')}</legend>
            <div className="row wrap">
              {field('members', t('exam.boardMembers'))}
              {field('present', t('exam.boardPresent'))}
            </div>
          </fieldset>
          {standing.map((personId) =>
            field(
              `scores.${personId}`,
              t('exam.scoresOf', { name: name(personId) }),
              t('exam.scoresHint'),
            ),
          )}
          {standing.length > 1 && (
            <div className="field">
              <label htmlFor="ex-winnerChoice">{t('exam.winnerChoice')}</label>
              <select
                id="ex-winnerChoice"
                value={values.winnerChoice ?? ''}
                onChange={(e) => set('winnerChoice')(e.target.value)}
              >
                <option value="">—</option>
                {standing.map((personId) => (
                  <option key={personId} value={personId}>
                    {name(personId)}
                  </option>
                ))}
              </select>
              <div className="hint">{t('exam.winnerChoiceHint')}</div>
            </div>
          )}
        </>
      )}
      <ErrorBox error={error} outcomeOfSubmit />
      <button type="submit" disabled={busy}>
        {busy ? t('form.submitting') : t('form.submit')}
      </button>
    </form>
  );
}
