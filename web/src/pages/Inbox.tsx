import { procedureKey } from '../procedure-key';
import { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { InboxItem, OrgUnit, Page } from '../api/types';
import { formatDay } from '../dates';
import { Link, useQueryFilter } from '../router';
import { ErrorBox, Loading } from '../components/common';
import { treeOrder, unitsWithinGrant } from '../org-unit-tree';

const PROCEDURES = [
  'appointment',
  'reappointment',
  'rotation',
  'transfer',
  'discipline',
  'removal',
  'extension',
  'election',
] as const;

export function useOrgUnits() {
  return useQuery({
    queryKey: ['org-units'],
    queryFn: () => unwrap<OrgUnit[]>(api.GET('/org-units')),
    // Pickers indent a unit under its parent, so they list each unit right after it.
    select: treeOrder,
    staleTime: 60_000,
  });
}

/** Hộp việc: my open steps and staff tasks, soonest deadline first, with filters. */
export function Inbox() {
  const { t, i18n } = useTranslation();
  // The filters live in the address: a reload kept none of them (before, «Luân chuyển» became «Tất cả»).
  const [procedureInAddress, setProcedure] = useQueryFilter('procedure');
  const [orgUnitInAddress, setOrgUnit] = useQueryFilter('orgUnit');
  const [overdueInAddress, setOverdue] = useQueryFilter('overdue');
  // A procedure the list does not know (a mistyped address) filters nothing, as «Tất cả».
  const procedure = (PROCEDURES as readonly string[]).includes(procedureInAddress)
    ? procedureInAddress
    : '';
  const overdue = overdueInAddress === 'true';
  const units = useOrgUnits();
  const unitChoices = unitsWithinGrant(units.data ?? []);
  // Likewise a unit the «Đơn vị» list does not offer (unknown, or outside the caller's grant):
  // before, the select read «Tất cả» while the list was replaced by the server's refusal.
  const orgUnit = unitChoices.some((unit) => unit.id === orgUnitInAddress) ? orgUnitInAddress : '';
  const inbox = useInfiniteQuery({
    queryKey: ['inbox', procedure, orgUnit, overdue],
    // A unit in the address is judged against the caller's units before the list is asked for.
    enabled: !orgUnitInAddress || !units.isPending,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap<Page<InboxItem>>(
        api.GET('/inbox', {
          params: {
            query: {
              ...(procedure ? { procedure: procedure as (typeof PROCEDURES)[number] } : {}),
              ...(orgUnit ? { orgUnit } : {}),
              ...(overdue ? { overdue: 'true' as const } : {}),
              limit: '50',
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = inbox.data?.pages.flatMap((page) => page.items) ?? [];
  /**
   * Whom the item is about: its person, or for a case opened for a post its nominees standing
   * ("Chưa xác định" before a nomination selected any; before, the cell was blank).
   */
  const whoOf = (item: InboxItem) => {
    if (item.personId) return item.personName ?? item.personId;
    const named = (item.nominees ?? []).map((p) => p.name ?? p.personId);
    return named.length ? named.join(', ') : t('inbox.nobodyYet');
  };
  return (
    <section>
      <h1>{t('inbox.title')}</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label={t('inbox.title')}>
        <div className="field">
          <label htmlFor="inbox-procedure">{t('inbox.procedure')}</label>
          <select
            id="inbox-procedure"
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
          <label htmlFor="inbox-unit">{t('inbox.unit')}</label>
          <select id="inbox-unit" value={orgUnit} onChange={(e) => setOrgUnit(e.target.value)}>
            <option value="">{t('inbox.all')}</option>
            {unitChoices.map((unit) => (
              <option key={unit.id} value={unit.id}>
                {'\u00a0'.repeat((unit.path.length - 1) * 2)}
                {unit.name}
              </option>
            ))}
          </select>
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={overdue}
            onChange={(e) => setOverdue(e.target.checked ? 'true' : '')}
          />{' '}
          {t('inbox.overdueOnly')}
        </label>
      </form>
      {inbox.isPending ? (
        <Loading />
      ) : inbox.error ? (
        <ErrorBox error={inbox.error} />
      ) : items.length === 0 ? (
        <p>{t('inbox.empty')}</p>
      ) : (
        <table className="grid stacked" aria-label={t('inbox.title')}>
          <thead>
            <tr>
              <th scope="col">{t('inbox.person')}</th>
              <th scope="col">{t('inbox.position')}</th>
              <th scope="col">{t('inbox.step')}</th>
              <th scope="col">{t('inbox.procedure')}</th>
              <th scope="col">{t('inbox.due')}</th>
              <th scope="col">
                <span className="sr-only">{t('inbox.open')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => {
              const href =
                item.kind !== 'step'
                  ? `/cadres/${item.personId}`
                  : item.procedure === 'discipline'
                    ? `/discipline-cases/${item.caseId}`
                    : `/cases/${item.caseId}`;
              const who = whoOf(item);
              const stepTitle =
                item.kind === 'task'
                  ? `${t('inbox.task')}: ${taskTitle(item, t)}`
                  : ((i18n.language === 'en' ? item.stepTitle : item.stepTitleVi) ?? item.step);
              return (
                <tr
                  key={`${item.kind}:${item.caseId ?? item.personId}:${item.step ?? item.detail}`}
                >
                  {/* The name opens the item too: on a phone it is the first thing under the thumb. */}
                  <td data-label={t('inbox.person')}>
                    <Link to={href}>{who}</Link>
                  </td>
                  <td data-label={t('inbox.position')}>
                    {item.positionTitle ?? item.positionId ?? '—'}
                  </td>
                  <td data-label={t('inbox.step')}>
                    {stepTitle}
                    {/* The server refuses the decision while these are open (before: listed as
                        a decision ready to take, refused only after «Ghi nhận»). */}
                    {item.kind === 'step' && (item.flaggedItems?.length ?? 0) > 0 && (
                      <div className="warning" data-testid="inbox-held-back">
                        {t(
                          item.stepKind === 'decision'
                            ? 'inbox.decisionHeldBack'
                            : 'inbox.flaggedItems',
                          {
                            items: item
                              .flaggedItems!.map((flagged) =>
                                t(`vetting.${flagged}`, { defaultValue: flagged }),
                              )
                              .join('; '),
                          },
                        )}
                      </div>
                    )}
                  </td>
                  <td data-label={t('inbox.procedure')}>
                    {item.procedure
                      ? t(`procedure.${procedureKey(item.procedure, item.definition)}`)
                      : '—'}
                  </td>
                  <td data-label={t('inbox.due')}>
                    {formatDay(item.dueOn)}{' '}
                    {/* As on the case page: a day that may move says so (before: a plain day). */}
                    {item.provisional && (
                      <span className="badge">{t('case.provisional')}</span>
                    )}{' '}
                    {item.overdue && <span className="badge danger">{t('inbox.overdue')}</span>}
                  </td>
                  <td>
                    <Link to={href} aria-label={`${t('inbox.open')}: ${who} — ${stepTitle}`}>
                      {t('inbox.open')}
                    </Link>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {inbox.hasNextPage && (
        <button type="button" onClick={() => void inbox.fetchNextPage()}>
          {t('inbox.more')}
        </button>
      )}
    </section>
  );
}

/**
 * A staff task in the reader's language: a re-appointment notice's (the only tasks there are),
 * with the rule that refused opening its case by its title; before, the server's English detail.
 */
function taskTitle(item: InboxItem, t: TFunction): string {
  const day = formatDay(item.dueOn);
  if (!item.refusalRule) return t('inbox.reappointmentDue', { day });
  const rule = t(`rules.${item.refusalRule}`, { defaultValue: item.refusalRule });
  return t('inbox.reappointmentNotOpened', { day, rule });
}
