import { useTranslation } from 'react-i18next';
import { CaseWithNames } from '../api/hooks';
import { Definition } from '../api/types';
import { stepTitleOf } from '../step-title';

interface ScoresStep {
  type: string;
  stepId: string;
  scores?: { personId: string; average: number; total: number; outcome: string }[];
  winner?: { personId: string; by: string };
  withheld?: string[];
}

/**
 * An examination's parts as the viewer may see them: each candidate's average and running total
 * per part, and the winner. Scores not announced to the viewer's roles (and always to a candidate)
 * read "không công bố"; the winner is the conclusion and is shown to all.
 */
export function ExamResults({
  view,
  definition,
}: {
  view: CaseWithNames;
  definition: Definition | undefined;
}) {
  const { t, i18n } = useTranslation();
  const steps = (view.steps as unknown as ScoresStep[]).filter(
    (s) => s.type === 'ExamScoresRecorded',
  );
  const registered = (
    view.steps as unknown as { type: string; candidates?: { personId: string }[] }[]
  )
    .filter((s) => s.type === 'CandidatesRegistered')
    .flatMap((s) => s.candidates ?? []);
  if (registered.length === 0) return null;
  const name = (id: string) => view.names?.people[id] ?? id;
  const title = (stepId: string) => stepTitleOf(definition?.steps, stepId, i18n.language);
  const winner = steps.find((s) => s.winner)?.winner;
  return (
    <section className="card" aria-labelledby="exam-title">
      <h2 id="exam-title">{t('exam.results')}</h2>
      {winner && (
        <p data-testid="exam-winner">
          {t('exam.winner', { name: name(winner.personId), by: t(`exam.by.${winner.by}`) })}
        </p>
      )}
      <table data-testid="exam-results">
        <thead>
          <tr>
            <th>{t('exam.candidate')}</th>
            {steps.map((s) => (
              <th key={s.stepId}>{title(s.stepId)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {registered.map(({ personId }) => (
            <tr key={personId} data-candidate={personId}>
              <td>{name(personId)}</td>
              {steps.map((s) => (
                <td key={s.stepId}>{cell(s, personId)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );

  function cell(step: ScoresStep, personId: string) {
    if (step.withheld?.includes('scores')) return t('case.withheld');
    const score = step.scores?.find((s) => s.personId === personId);
    if (!score) return '—';
    return t('exam.score', {
      average: score.average,
      total: score.total,
      outcome: t(score.outcome === 'passed' ? 'exam.passed' : 'exam.failed'),
    });
  }
}
