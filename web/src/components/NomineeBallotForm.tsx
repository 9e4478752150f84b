import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CaseWithNames } from '../api/hooks';
import { formatDay, parseDay, vietnamToday } from '../dates';
import { RuleSet, StepDefinition } from '../api/types';
import { Fraction, TallyInput } from '../ballot/ballot-check';
import { levelNominees } from '../ballot/level-nominees';
import { ErrorBox } from './common';
import { useFocusOnInvalid } from './focus-on-invalid';

const COMMON = ['members', 'summoned', 'present'] as const;
const PER_NOMINEE = ['for', 'against', 'abstain', 'invalid'] as const;

/**
 * A ballot of a case that fills a post: the conference's counts once, then each nominee's votes.
 * The engine judges each nominee by the step's rule; the head's choice is asked for only when
 * two nominees pass level.
 */
export function NomineeBallotForm({
  view,
  step,
  ruleSet,
  submit,
}: {
  view: CaseWithNames;
  step: StepDefinition;
  ruleSet?: RuleSet;
  submit: (body: Record<string, unknown>) => Promise<void>;
}) {
  const { t } = useTranslation();
  const nominees = view.nominees ?? [];
  const [values, setValues] = useState<Record<string, string>>({
    heldOn: formatDay(vietnamToday()),
  });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (name: string) => (value: string) => setValues((v) => ({ ...v, [name]: value }));
  const count = (name: string) => Number(values[name] ?? '');
  const name = (id: string) => view.names?.people[id] ?? id;
  const [headChoiceError, setHeadChoiceError] = useState<string | null>(null);
  // Two nominees level: the head's choice is asked for before sending (before: only the
  // server's refusal, ballot.level_nominees_need_head, said so).
  const level = useLevelNominees(step, ruleSet, nominees, values);
  const needsChoice = level.length > 1 && !level.includes(values.headChoice ?? '');
  // Held back for the head's choice: focus goes to it (before: it stayed on «Ghi nhận»).
  const { formRef, focusFirstInvalid } = useFocusOnInvalid<HTMLFormElement>();

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setHeadChoiceError(needsChoice ? t('ballot.level_nominees_need_head_first') : null);
    if (needsChoice) {
      focusFirstInvalid();
      return;
    }
    const common = Object.fromEntries(COMMON.map((k) => [k, count(k)]));
    const body = {
      heldOn: parseDay(values.heldOn ?? '') ?? values.heldOn,
      ...(values.minutesRef?.trim() ? { minutesRef: values.minutesRef.trim() } : {}),
      tallies: nominees.map((personId) => ({
        personId,
        tally: {
          ...common,
          ...Object.fromEntries(PER_NOMINEE.map((k) => [k, count(`${personId}.${k}`)])),
        },
        ...(values[`${personId}.head`] ? { headDecision: values[`${personId}.head`] } : {}),
      })),
      ...(values.headChoice ? { headChoice: values.headChoice } : {}),
    };
    setBusy(true);
    try {
      await submit(body);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const field = (id: string, label: string) => (
    <div className="field" key={id}>
      <label htmlFor={`nb-${id}`}>{label}</label>
      <input
        id={`nb-${id}`}
        inputMode={id === 'heldOn' || id === 'minutesRef' ? undefined : 'numeric'}
        value={values[id] ?? ''}
        onChange={(e) => set(id)(e.target.value)}
      />
    </div>
  );

  return (
    <form ref={formRef} onSubmit={(e) => void onSubmit(e)} noValidate data-testid="nominee-ballot">
      <div className="row wrap">
        {field('heldOn', t('form.heldOn'))}
        {field('minutesRef', t('form.minutesRef'))}
      </div>
      <fieldset>
        <legend>{t('nomineeBallot.common')}</legend>
        <div className="row wrap">{COMMON.map((k) => field(k, t(`form.${k}`)))}</div>
      </fieldset>
      {nominees.map((personId) => (
        <fieldset key={personId}>
          <legend>{t('nomineeBallot.forNominee', { name: name(personId) })}</legend>
          <div className="row wrap">
            {PER_NOMINEE.map((k) =>
              field(`${personId}.${k}`, `${t(`form.${k}`)} — ${name(personId)}`),
            )}
            <div className="field">
              <label htmlFor={`nb-${personId}.head`}>{t('nomineeBallot.headDecision')}</label>
              <select
                id={`nb-${personId}.head`}
                value={values[`${personId}.head`] ?? ''}
                onChange={(e) => set(`${personId}.head`)(e.target.value)}
              >
                <option value="">—</option>
                <option value="for">{t('form.headFor')}</option>
                <option value="against">{t('form.headAgainst')}</option>
              </select>
            </div>
          </div>
        </fieldset>
      ))}
      {level.length > 1 && (
        <p className="verdict tie" role="status" data-testid="level-nominees">
          {t('ballot.level_nominees', { names: level.map(name).join(', ') })}
        </p>
      )}
      {nominees.length > 1 && (
        <div className={`field${headChoiceError ? ' has-error' : ''}`}>
          <label htmlFor="nb-headChoice">{t('nomineeBallot.headChoice')}</label>
          <select
            id="nb-headChoice"
            value={values.headChoice ?? ''}
            onChange={(e) => set('headChoice')(e.target.value)}
            required={level.length > 1}
            aria-invalid={headChoiceError ? true : undefined}
            aria-describedby={`nb-headChoice-hint${headChoiceError ? ' nb-headChoice-error' : ''}`}
          >
            <option value="">—</option>
            {nominees.map((personId) => (
              <option key={personId} value={personId}>
                {name(personId)}
              </option>
            ))}
          </select>
          <div className="hint" id="nb-headChoice-hint">
            {t('nomineeBallot.headChoiceHint')}
          </div>
          {headChoiceError && (
            <div className="field-error" id="nb-headChoice-error" role="alert">
              {headChoiceError}
            </div>
          )}
        </div>
      )}
      <ErrorBox error={error} outcomeOfSubmit />
      <button type="submit" disabled={busy}>
        {busy ? t('form.submitting') : t('form.submit')}
      </button>
    </form>
  );
}

/** The nominees the typed counts leave level, by the step's vote rule in the case's rule set. */
function useLevelNominees(
  step: StepDefinition,
  ruleSet: RuleSet | undefined,
  nominees: string[],
  values: Record<string, string>,
): string[] {
  const fraction = (param: string | undefined): Fraction | null =>
    param && ruleSet?.params[param] ? (ruleSet.params[param].value as Fraction) : null;
  const quorum = fraction(step.voteRule?.quorumParam);
  const pass = fraction(step.voteRule?.passParam);
  if (!quorum || !pass || !step.voteRule) return [];
  const number = (name: string) => {
    const text = (values[name] ?? '').trim();
    return text === '' ? null : Number(text);
  };
  const tally = (personId: string): TallyInput => ({
    members: number('members'),
    summoned: number('summoned'),
    present: number('present'),
    for: number(`${personId}.for`),
    against: number(`${personId}.against`),
    abstain: number(`${personId}.abstain`),
    invalid: number(`${personId}.invalid`),
  });
  const rule = {
    quorum,
    pass,
    base: step.voteRule.base,
    headBreaksTie: step.voteRule.headBreaksTie,
  };
  return levelNominees(
    rule,
    nominees.map((personId) => ({ personId, tally: tally(personId) })),
  );
}
