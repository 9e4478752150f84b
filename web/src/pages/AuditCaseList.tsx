import { useTranslation } from 'react-i18next';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { components, operations } from '../api/schema';
import { api, unwrap } from '../api/client';
import { formatDay } from '../dates';
import { procedureKey } from '../procedure-key';
import { Link, useQueryFilter } from '../router';
import { ErrorBox, Loading } from '../components/common';
import { useOrgUnits } from './Inbox';
import { useReasonText } from '../server-text/use-reason-text';

type CaseSummary = components['schemas']['CaseSummaryDto'];
type ListQuery = NonNullable<operations['ReadModelsController_cases']['parameters']['query']>;

/** The procedures `GET /cases` filters by (a transfer by its `transfer.*` definitions). */
const PROCEDURES = [
  'appointment',
  'reappointment',
  'rotation',
  'transfer',
  'discipline',
  'removal',
  'extension',
  'approval_in_principle',
  'consultation',
  'election',
] as const;
/** The statuses a case list filters by, those of cases that ended first. */
const STATUSES = [
  'decided',
  'closed',
  'rejected',
  'withdrawn',
  'time_barred',
  'annulled',
  'under_review',
  'open',
];

/**
 * The cases in the auditor's unit (and below), newest first, a page at a time with the server's
 * cursor, each opening its history and proof (the hash-chain check).
 */
export function AuditCaseList() {
  const { t } = useTranslation();
  // A summary the server wrote (a notice's re-appointment) is read in the reader's language.
  const summaryText = useReasonText();
  // In the address, as the inbox's: a reload or a shared link shows the same list.
  const [procedureInAddress, setProcedure] = useQueryFilter('procedure');
  const [statusInAddress, setStatus] = useQueryFilter('status');
  const procedure = (PROCEDURES as readonly string[]).includes(procedureInAddress)
    ? procedureInAddress
    : '';
  const status = STATUSES.includes(statusInAddress) ? statusInAddress : '';
  const units = useOrgUnits();
  const unitName = (id: string) => units.data?.find((u) => u.id === id)?.name ?? id;
  const cases = useInfiniteQuery({
    queryKey: ['audit-cases', procedure, status],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap<{ items: CaseSummary[]; nextCursor: string | null }>(
        api.GET('/cases', {
          params: {
            query: {
              ...(procedure ? { procedure: procedure as ListQuery['procedure'] } : {}),
              ...(status ? { status: status as ListQuery['status'] } : {}),
              limit: '20',
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = cases.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section aria-labelledby="audit-cases-title">
      <h2 id="audit-cases-title">{t('audit.cases')}</h2>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label={t('audit.cases')}>
        <div className="field">
          <label htmlFor="audit-cases-procedure">{t('inbox.procedure')}</label>
          <select
            id="audit-cases-procedure"
            value={procedure}
            onChange={(e) => setProcedure(e.target.value)}
          >
            <option value="">{t('inbox.all')}</option>
            {PROCEDURES.map((p) => (
              <option key={p} value={p}>
                {t(`procedure.${p}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-cases-status">{t('case.status')}</label>
          <select
            id="audit-cases-status"
            value={status}
            onChange={(e) => setStatus(e.target.value)}
          >
            <option value="">{t('inbox.all')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </form>
      {cases.isPending ? (
        <Loading />
      ) : cases.error ? (
        <ErrorBox error={cases.error} />
      ) : items.length === 0 ? (
        <p>{t('audit.noCases')}</p>
      ) : (
        <table className="grid" aria-label={t('audit.cases')} data-testid="audit-cases">
          <thead>
            <tr>
              <th scope="col">{t('audit.case')}</th>
              <th scope="col">{t('inbox.procedure')}</th>
              <th scope="col">{t('audit.unit')}</th>
              <th scope="col">{t('case.opened')}</th>
              <th scope="col">{t('audit.closedOn')}</th>
              <th scope="col">{t('case.status')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.caseId}>
                {/* The case by its summary, opening its history; the id a muted reference under it
                    (before: the id was the column and the link, the summary a column after). */}
                <td>
                  <Link to={`/cases/${encodeURIComponent(c.caseId)}/history`}>
                    {summaryText(c.summary)}
                  </Link>
                  <div className="muted">{t('case.reference', { id: c.caseId })}</div>
                </td>
                <td>{t(`procedure.${procedureKey(c.procedure, c.definition)}`)}</td>
                <td>{unitName(c.orgUnitId)}</td>
                <td>{formatDay(c.openedOn)}</td>
                <td>{c.closedOn ? formatDay(c.closedOn) : '—'}</td>
                <td>{t(`status.${c.status}`, { defaultValue: c.status })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cases.hasNextPage && (
        <button type="button" onClick={() => void cases.fetchNextPage()}>
          {t('inbox.more')}
        </button>
      )}
    </section>
  );
}
