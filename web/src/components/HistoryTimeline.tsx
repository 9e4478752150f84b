import { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AuditEntry } from '../api/types';
import { formatDateTime } from '../dates';
import { isWithheld, withheldResultKey } from '../withheld';

/**
 * A history's events in order, each with who acted, in which role and unit, under which rule
 * version, its correlation and causation ids and its hash: the case history and the person's
 * history read the same. `reached`: the events up to this index are drawn as replayed (the case
 * history's "as of" slider). `about`: what each line adds before its facts (the person's history
 * names the case an event belongs to).
 */
export function HistoryTimeline({
  events,
  reached = events.length - 1,
  about,
}: {
  events: AuditEntry[];
  reached?: number;
  about?: (event: AuditEntry) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <ol className="timeline">
      {events.map((e, index) => (
        <li key={e.eventId} className={index <= reached ? 'in' : 'after'}>
          <div>
            <strong>
              {e.revision}. {t(`record.${e.type}`, { defaultValue: e.type })}
            </strong>{' '}
            {/* The stored type stays beside its reading: it is what the hash covers. */}
            <span className="muted mono">{e.type}</span> — {formatDateTime(e.recordedAt)}
          </div>
          {about?.(e)}
          {isWithheld(e.withheldBecause) && (
            <p className="muted" data-testid="timeline-withheld">
              {t(withheldResultKey(e.withheldBecause, e.type))}
            </p>
          )}
          {e.type === 'StepCorrected' && (
            <p data-testid="timeline-correction">
              {t('correction.timeline', {
                stepId: String(e.data.stepId),
                reason: String(e.data.reason),
              })}
            </p>
          )}
          <dl className="facts small">
            <dt>{t('audit.actor')}</dt>
            <dd>{e.actorId ?? '—'}</dd>
            <dt>{t('audit.role')}</dt>
            <dd>
              {e.roles.map((role) => t(`roles.${role}`, { defaultValue: role })).join(', ') || '—'}
            </dd>
            <dt>{t('audit.unit')}</dt>
            <dd>{e.orgUnitName ?? e.orgUnit ?? '—'}</dd>
            <dt>{t('audit.ruleVersion')}</dt>
            <dd>
              {e.definitionVersion ?? '—'} / {e.ruleSet ?? '—'}
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
