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
  if (!view.fillsPost || nominees.length === 0 || nominees[0].tallies.length === 0) return null;
  const name = (id: string) => view.names?.people[id] ?? id;
  return (
    <section className="card" aria-labelledby="nominees-title">
      <h2 id="nominees-title">{t('case.nominees')}</h2>
      <table data-testid="nominee-tallies">
        <thead>
          <tr>
            <th>{t('case.nominee')}</th>
            {nominees[0].tallies.map((entry) => (
              <th key={entry.stepId}>{stepTitle(entry.stepId)}</th>
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
              {nominees[0].tallies.map((column) => {
                const entry = nominee.tallies.find((e) => e.stepId === column.stepId);
                return <td key={column.stepId}>{entry ? describe(entry) : '—'}</td>;
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
