import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CaseWithNames } from '../api/hooks';
import { formatDay, parseDay, vietnamToday } from '../dates';
import { ErrorBox } from './common';

const COMMON = ['members', 'summoned', 'present'] as const;
const PER_NOMINEE = ['for', 'against', 'abstain', 'invalid'] as const;

/**
 * A ballot of a case that fills a post: the conference's counts once, then each nominee's votes.
 * The engine judges each nominee by the step's rule; the head's choice is asked for only when
 * two nominees pass level.
 */
export function NomineeBallotForm({
  view,
  submit,
}: {
  view: CaseWithNames;
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

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
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
    <form onSubmit={(e) => void onSubmit(e)} data-testid="nominee-ballot">
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
      {nominees.length > 1 && (
        <div className="field">
          <label htmlFor="nb-headChoice">{t('nomineeBallot.headChoice')}</label>
          <select
            id="nb-headChoice"
            value={values.headChoice ?? ''}
            onChange={(e) => set('headChoice')(e.target.value)}
            aria-describedby="nb-headChoice-hint"
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
        </div>
      )}
      <ErrorBox error={error} />
      <button type="submit" disabled={busy}>
        {busy ? t('form.submitting') : t('form.submit')}
      </button>
    </form>
  );
}
