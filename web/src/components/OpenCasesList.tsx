import { useTranslation } from 'react-i18next';
import { useCase, useCatalog } from '../api/hooks';
import { formatDay } from '../dates';
import { procedureKey } from '../procedure-key';
import { Link } from '../router';
import { stepTitleOf } from '../step-title';
import type { CaseName } from './CaseLinks';

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
 * "Không có"). A case the record's `caseTitles` name reads by its title as its page heads it, the id
 * muted beside it (before: the bare id was the link); one the list does not hold yet keeps its id.
 */
export function OpenCasesList({
  openCases,
  nominatedIn = [],
  nameOf = () => undefined,
}: {
  openCases: OpenCaseOnRecord[];
  nominatedIn?: OpenCaseOnRecord[];
  nameOf?: (id: string) => CaseName | undefined;
}) {
  const { t } = useTranslation();
  return (
    <ul data-testid="open-cases">
      {openCases.map((open) => (
        <OpenCaseLine key={open.caseId} open={open} name={nameOf(open.caseId)} />
      ))}
      {nominatedIn.map((open) => (
        <OpenCaseLine key={open.caseId} open={open} name={nameOf(open.caseId)} asNominee />
      ))}
      {openCases.length + nominatedIn.length === 0 && <li>{t('app.none')}</li>}
    </ul>
  );
}

function OpenCaseLine({
  open,
  name,
  asNominee,
}: {
  open: OpenCaseOnRecord;
  name?: CaseName;
  asNominee?: boolean;
}) {
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
  const procedureName = procedureKey(open.procedure, view?.definition);
  const to = `/${discipline ? 'discipline-cases' : 'cases'}/${open.caseId}`;
  return (
    <li>
      {name ? (
        <>
          {name.outside ? (
            <span className="muted">{name.text}</span>
          ) : (
            <Link to={to} title={name.hint}>
              {name.text}
            </Link>
          )}{' '}
          <span className="muted">({open.caseId})</span>
        </>
      ) : (
        <>
          <Link to={to}>{open.caseId}</Link> —{' '}
          {t(`procedure.${procedureName}`, { defaultValue: open.procedure })}
        </>
      )}
      {step ? ` · ${step}` : ''} · {formatDay(open.since)}
      {asNominee ? ` · ${t('person.asNominee')}` : ''}
    </li>
  );
}
