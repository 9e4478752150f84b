import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { components } from '../api/schema';
import { api, unwrap } from '../api/client';
import { afterRecordWrite } from '../api/record-queries';
import { formatDay, parseDay } from '../dates';
import { ErrorBox } from './common';
import { DayInput } from './DayInput';

type Status = components['schemas']['EndPersonStatusDto']['status'];

/**
 * Ghi nhận ngày kết thúc: the day an open-ended status ended (the investigation concluded, back
 * from abroad), or the real end of one whose planned end is still to come (back early). Until it
 * is recorded the status holds a resignation, a re-appointment or a discipline decision back, so
 * the clerk records it here once it has happened.
 */
export function StatusPeriodEnd({
  personId,
  period,
}: {
  personId: string;
  period: { status: string; from: string };
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [until, setUntil] = useState('');
  const [note, setNote] = useState('');
  const end = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/cadres/{id}/statuses/end', {
          params: { path: { id: personId } },
          body: {
            status: period.status as Status,
            from: period.from,
            until: parseDay(until) ?? until,
            note,
          },
        }),
      ),
    onSuccess: () => void afterRecordWrite(queryClient),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    end.mutate();
  };
  const id = `status-end-${period.status}-${period.from}`;
  const label = t('person.statusEnd.title', {
    status: t(`personStatus.${period.status}`, { defaultValue: period.status }),
    from: formatDay(period.from),
  });
  return (
    <form className="inline" onSubmit={submit} aria-label={label}>
      <div className="field">
        <label htmlFor={`${id}-until`}>{t('person.statusEnd.until')}</label>
        <DayInput id={`${id}-until`} value={until} onChange={(e) => setUntil(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t('person.statusEnd.note')}</label>
        <input id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <button type="submit" disabled={end.isPending}>
        {t('person.statusEnd.record')}
      </button>
      <ErrorBox error={end.error} outcomeOfSubmit />
    </form>
  );
}
