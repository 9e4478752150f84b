import { TFunction } from 'i18next';
import { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AuditEntry, Definition, StepDefinition } from '../api/types';
import { formatDateTime } from '../dates';
import { correctionReasonText, isWithheld, withheldResultKey } from '../withheld';
import { HistoryDisagreement, storeHashNow } from './HashCheckVerdict';
import { eventTypeName } from '../event-type-names';
import { stepTitleOf } from '../step-title';
import { isSystemActor } from '../actor-name';
import { TimelineRules } from './TimelineRules';

/**
 * Who acted, by name where the event carries it: the actor's name from their token (`actorName`),
 * or for a correction written before that, its corrector's (`correctedByName`); null otherwise.
 */
function actorNameOf(e: AuditEntry): string | null {
  const corrector = e.type === 'StepCorrected' ? e.data.correctedByName : undefined;
  if (e.actorName) return e.actorName;
  return typeof corrector === 'string' && corrector ? corrector : null;
}

const isSystemWriter = (e: AuditEntry) => isSystemActor(e.actorId);

/**
 * Who acted: their name, their id beside it (the id is what the hash covers); the service's own
 * writes read as the system, the writer's id beside it; an event without a name, its actor's id.
 */
function ActorName({ event }: { event: AuditEntry }) {
  const { t } = useTranslation();
  const name = isSystemWriter(event) ? t('audit.systemActor') : actorNameOf(event);
  if (!name) return <>{event.actorId ?? '—'}</>;
  // The id (what the hash covers) a smaller detail after the name, never before or as big.
  return (
    <>
      {name} <small className="muted mono">{event.actorId}</small>
    </>
  );
}

/**
 * The roles the actor acted in. A system writer acts in none: the line reads "Hệ thống" (the demo
 * loader once stored `admin` for itself, which read as an administrator's act), any role it stored
 * kept beside as stored.
 */
function ActorRoles({ event }: { event: AuditEntry }) {
  const { t } = useTranslation();
  if (!isSystemWriter(event))
    return (
      <>{event.roles.map((role) => t(`roles.${role}`, { defaultValue: role })).join(', ') || '—'}</>
    );
  return (
    <>
      {t('audit.systemActor')}
      {event.roles.length > 0 && <span className="muted mono"> {event.roles.join(', ')}</span>}
    </>
  );
}

/** What of the line differs from the store's event (the hash check names the columns). */
function differsIn(found: HistoryDisagreement, t: TFunction): string {
  const columns = found.columns ?? [];
  if (columns.length === 0) return '';
  const named = columns.map((column) =>
    t(`audit.historyColumns.${column}`, { defaultValue: column }),
  );
  return ` ${t('audit.differsIn', { columns: named.join(', ') })}`;
}

/**
 * A history's events in order, each with who acted, in which role and unit, under which rule
 * version, its correlation and causation ids and its hash: the case history and the person's
 * history read the same. `reached`: the events up to this index are drawn as replayed (the case
 * history's "as of" slider). `about`: what each line adds before its facts (the person's history
 * names the case an event belongs to). `disagreements`: lines the hash check found differing from
 * the event store (the history is a copy taken at append time), marked red with the store's hash
 * and what differs. `steps`: the procedure's steps, a correction's step named by its title (the
 * case page's reading) rather than its id. `definitions`: for a history mixing cases under
 * different definitions (the person's), the catalog's; each line's steps are then those of the
 * definition its own event names (`definitionVersion`).
 */
export function HistoryTimeline({
  events,
  reached = events.length - 1,
  about,
  disagreements = [],
  steps,
  definitions,
}: {
  events: AuditEntry[];
  steps?: readonly StepDefinition[];
  definitions?: readonly Definition[];
  reached?: number;
  about?: (event: AuditEntry) => ReactNode;
  disagreements?: HistoryDisagreement[];
}) {
  const { t, i18n } = useTranslation();
  const differing = new Map(disagreements.map((found) => [found.eventId, found]));
  const stepsOf = (e: AuditEntry) =>
    steps ?? definitions?.find((d) => d.key === e.definitionVersion)?.steps;
  return (
    <ol className="timeline">
      {events.map((e, index) => (
        <li
          key={e.eventId}
          className={`${index <= reached ? 'in' : 'after'}${differing.has(e.eventId) ? ' disagrees' : ''}`}
        >
          <div>
            {/* Counted from 1 as a person counts, as the "as of" slider does (before: the
                stream's revision, from 0: the slider's "sự kiện thứ 3" was this line's "2."). */}
            {/* The stored type is a detail under the facts (it is what the hash covers), not
                beside the title (before: "Mở hồ sơ CaseOpened"). */}
            <strong title={e.type}>
              {e.revision + 1}. {eventTypeName(t, e.type) ?? e.type}
            </strong>{' '}
            {/* The revision the hash check names ("từ phiên bản 2"), a detail beside. */}
            <span className="muted" data-testid="timeline-revision">
              {t('audit.revisionOf', { revision: e.revision })}
            </span>{' '}
            — {formatDateTime(e.recordedAt)}
          </div>
          {about?.(e)}
          {differing.has(e.eventId) && (
            <p data-testid="timeline-disagrees">
              <span className="badge danger">{t('audit.differsFromStore')}</span>{' '}
              {t('audit.storeHashNow', {
                hash: storeHashNow(differing.get(e.eventId)!) ?? t('audit.storeHashGone'),
              })}
              {differsIn(differing.get(e.eventId)!, t)}
            </p>
          )}
          {isWithheld(e.withheldBecause) && (
            <p className="muted" data-testid="timeline-withheld">
              {t(withheldResultKey(e.withheldBecause, e.type))}
            </p>
          )}
          {e.type === 'StepCorrected' && (
            <p data-testid="timeline-correction">
              {t('correction.timeline', {
                step: stepTitleOf(stepsOf(e), String(e.data.stepId), i18n.language),
                // Left out of the line for the subject of a secret ballot (before: "lý do: undefined").
                reason: correctionReasonText(e.data.reason, t('case.hidden')),
              })}
            </p>
          )}
          <dl className="facts small">
            <dt>{t('audit.actor')}</dt>
            <dd data-testid="timeline-actor">
              <ActorName event={e} />
            </dd>
            <dt>{t('audit.role')}</dt>
            <dd data-testid="timeline-roles">
              <ActorRoles event={e} />
            </dd>
            <dt>{t('audit.unit')}</dt>
            <dd>{e.orgUnitName ?? e.orgUnit ?? '—'}</dd>
            <dt>{t('audit.ruleVersion')}</dt>
            <dd data-testid="timeline-rules">
              <TimelineRules definitionKey={e.definitionVersion} ruleSetId={e.ruleSet} />
            </dd>
            <dt>{t('audit.storedType')}</dt>
            <dd>
              <small className="muted mono" data-testid="timeline-stored-type">
                {e.type}
              </small>
            </dd>
            <dt>{t('audit.correlation')}</dt>
            <dd className="mono">{e.correlationId ?? '—'}</dd>
            <dt>{t('audit.causation')}</dt>
            <dd className="mono">{e.causationId ?? '—'}</dd>
            <dt>{t('audit.hash')}</dt>
            <dd className="mono">{e.hash}</dd>
          </dl>
        </li>
      ))}
    </ol>
  );
}
