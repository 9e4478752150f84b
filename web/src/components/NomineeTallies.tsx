import { useTranslation } from 'react-i18next';
import { CaseWithNames } from '../api/hooks';
import { Definition } from '../api/types';
import { stepTitleOf } from '../step-title';

/**
 * A case that fills a post: each nominee and their tally at every nomination and ballot, as far
 * as the viewer may see them (an unannounced ballot shows "không công bố").
 */
export function NomineeTallies({
  view,
  definition,
}: {
  view: CaseWithNames;
  definition: Definition | undefined;
}) {
  const { t, i18n } = useTranslation();
  const stepTitle = (stepId: string) => stepTitleOf(definition?.steps, stepId, i18n.language);
  const nominees = view.nomineeTallies ?? [];
  // A competitive examination's candidates have scores, not tallies (ExamResults shows them).
  // The rounds in the order held; a nominee dropped before a round has no entry for it.
  const rounds = [...new Set(view.steps.map((step) => String(step.stepId ?? ''))).values()].filter(
    (stepId) => nominees.some((n) => n.tallies.some((e) => e.stepId === stepId)),
  );
  if (!view.fillsPost || rounds.length === 0) return null;
  const name = (id: string) => view.names?.people[id] ?? id;
  return (
    <section className="card" aria-labelledby="nominees-title">
      <h2 id="nominees-title">{t('case.nominees')}</h2>
      <table data-testid="nominee-tallies">
        <thead>
          <tr>
            <th>{t('case.nominee')}</th>
            {rounds.map((stepId) => (
              <th key={stepId}>{stepTitle(stepId)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {nominees.map((nominee) => (
            <tr key={nominee.personId} data-nominee={nominee.personId}>
              <td>
                {name(nominee.personId)}{' '}
                <span className="badge">
                  {view.appointee === nominee.personId
                    ? t('case.appointee')
                    : nominee.standing === null
                      ? t('case.hidden')
                      : t(nominee.standing ? 'case.standing' : 'case.out')}
                </span>
              </td>
              {rounds.map((stepId) => {
                const entry = nominee.tallies.find((e) => e.stepId === stepId);
                if (entry) return <td key={stepId}>{describe(entry)}</td>;
                return (
                  <td key={stepId} title={t('case.notInRound')} data-not-in-round="">
                    <span aria-hidden="true">—</span>
                    <span className="sr-only">{t('case.notInRound')}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );

  function describe(
    entry: NonNullable<CaseWithNames['nomineeTallies']>[number]['tallies'][number],
  ) {
    if (entry.withheld) return t('case.withheld');
    if (entry.kind === 'nomination') return t('case.votes', { votes: entry.votes ?? 0 });
    return t('case.tallyFor', {
      for: entry.tally?.for ?? 0,
      base: entry.tally?.members ?? 0,
      outcome: t(entry.outcome === 'passed' ? 'case.passed' : 'case.failed'),
    });
  }
}
