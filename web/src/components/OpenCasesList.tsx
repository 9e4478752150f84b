import { useTranslation } from 'react-i18next';
import { useCase, useCatalog } from '../api/hooks';
import { formatDay } from '../dates';
import { procedureKey } from '../procedure-key';
import { Link } from '../router';
import { stepTitleOf } from '../step-title';

/** An open case about a person as their record notes it (`stage`: one that matters elsewhere). */
export interface OpenCaseOnRecord {
  caseId: string;
  procedure: string;
  stage: string | null;
  since: string;
}

/**
 * "Hồ sơ đang xử lý" on the person page: each open case by the name its own page, the inbox and
 * the batch page give it and with its current step. The record notes only the procedure (a
 * transfer runs as a `rotation` case: it read "Luân chuyển") and the stages other procedures
 * look at, so a case's line reads the case itself for its definition and current step. The cases
 * for a post naming the person a nominee follow, said so (before, a chosen nominee's page read
 * "Không có").
 */
export function OpenCasesList({
  openCases,
  nominatedIn = [],
}: {
  openCases: OpenCaseOnRecord[];
  nominatedIn?: OpenCaseOnRecord[];
}) {
  const { t } = useTranslation();
  return (
    <ul data-testid="open-cases">
      {openCases.map((open) => (
        <OpenCaseLine key={open.caseId} open={open} />
      ))}
      {nominatedIn.map((open) => (
        <OpenCaseLine key={open.caseId} open={open} asNominee />
      ))}
      {openCases.length + nominatedIn.length === 0 && <li>{t('app.none')}</li>}
    </ul>
  );
}

function OpenCaseLine({ open, asNominee }: { open: OpenCaseOnRecord; asNominee?: boolean }) {
  const { t, i18n } = useTranslation();
  const catalog = useCatalog();
  /** A step of the procedure by its title, from any of its definitions (the record keeps its id). */
  const recordedStepTitle = (stepId: string) =>
    stepTitleOf(
      catalog.data?.definitions
        .filter((d) => d.procedure === open.procedure)
        .flatMap((d) => d.steps),
      stepId,
      i18n.language,
    );
  // A discipline case has its own page and view; the record's stage names its step.
  const discipline = open.procedure === 'discipline';
  const view = useCase(open.caseId, undefined, !discipline).data;
  const current = view?.status === 'open' ? view.currentStep : null;
  const recordedStage = discipline && open.stage ? recordedStepTitle(open.stage) : null;
  const step = current ? (i18n.language === 'en' ? current.title : current.titleVi) : recordedStage;
  const name = procedureKey(open.procedure, view?.definition);
  return (
    <li>
      <Link to={`/${discipline ? 'discipline-cases' : 'cases'}/${open.caseId}`}>{open.caseId}</Link>{' '}
      — {t(`procedure.${name}`, { defaultValue: open.procedure })}
      {step ? ` · ${step}` : ''} · {formatDay(open.since)}
      {asNominee ? ` · ${t('person.asNominee')}` : ''}
    </li>
  );
}
