import { useTranslation } from 'react-i18next';
import { checkFormBallot, FormBallotRule, FormTallyInput } from '../ballot/form-ballot-check';

const COUNTS = ['members', 'summoned', 'present', 'invalid', 'noDiscipline'] as const;

function count(text: string | undefined): number | null {
  if (text === undefined || text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : NaN;
}

/**
 * What the discipline ballot's counts give as they are typed, with the rule's figures from the
 * case's rule set: the quorum, the votes a form needs, and the form chosen or why none is (the
 * appointment ballot form's live check, for votes per form).
 */
export function FormBallotLive({
  rule,
  values,
}: {
  rule: FormBallotRule;
  values: Record<string, string>;
}) {
  const { t } = useTranslation();
  const tally = {
    ...Object.fromEntries(COUNTS.map((key) => [key, count(values[key])])),
    votesByForm: Object.fromEntries(rule.forms.map((f) => [f, count(values[`votes.${f}`])])),
  } as FormTallyInput;
  const check = checkFormBallot(rule, tally);
  const formName = (form: string) => t(`discipline.forms.${form}`, { defaultValue: form });
  const outcome = check.outcome;
  const verdict = (() => {
    if (!outcome) return t('ballot.verdict_incomplete');
    switch (outcome.outcome) {
      case 'form_chosen':
        return t(outcome.accumulated ? 'discipline.live.accumulated' : 'discipline.live.chosen', {
          form: formName(outcome.form),
        });
      case 'no_discipline':
        return t('discipline.live.noForm');
      case 'no_quorum':
        return t('ballot.no_quorum', {
          present: tally.present,
          summoned: tally.summoned,
          needed: check.quorumNeeded,
        });
      case 'invalid_tally':
        return outcome.field === 'present' && check.cast !== null && check.cast !== tally.present
          ? t('discipline.live.sumMismatch', { cast: check.cast, present: tally.present })
          : t('ballot.verdict_invalid');
      default:
        return t('ballot.verdict_invalid');
    }
  })();
  return (
    <div data-testid="form-ballot-live">
      {check.quorumNeeded !== null && (
        <p className="hint">
          {t('ballot.quorumRule', { needed: check.quorumNeeded, summoned: tally.summoned })}
        </p>
      )}
      {check.passThreshold !== null && (
        <p className="hint">
          {t('discipline.live.threshold', {
            threshold: check.passThreshold,
            members: tally.members,
            needed: check.votesNeeded,
          })}
          {rule.accumulateFromHeaviest && ` ${t('discipline.live.accumulateRule')}`}
        </p>
      )}
      <p
        className={`verdict ${check.verdict}`}
        role="status"
        aria-live="polite"
        data-verdict={check.verdict}
      >
        {check.cast !== null && <>{t('ballot.cast', { cast: check.cast })} · </>}
        {verdict}
      </p>
    </div>
  );
}
