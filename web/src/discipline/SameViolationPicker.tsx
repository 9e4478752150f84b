import { useQuery } from '@tanstack/react-query';
import { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap } from '../api/client';
import { Page, RegisterRecord } from '../api/types';
import { Field, describedBy } from '../components/common';
import { formatDecisionRef } from '../dates';
import { PURPOSE } from '../purposes';

/** The case a decision is taken in: its person and track name the other track's cases. */
export interface SameViolationSubject {
  caseId: string;
  personId: string;
  track: string;
}

const OTHER_TRACK: Record<string, string> = { party: 'civil_service', civil_service: 'party' };

/**
 * The other track's discipline case on the same violation, chosen among the person's decided
 * cases on that track the caller may see (the discipline register, filtered by person and track,
 * within the caller's grant), with an empty choice. Before: a text box for the case's internal id
 * (d-…), which nobody knows by heart; a paper number or a cut id was refused as out of scope.
 */
export function SameViolationPicker({
  subject,
  value,
  error,
  onChange,
}: {
  subject: SameViolationSubject;
  value: string;
  error?: string;
  onChange(value: string): void;
}) {
  const { t } = useTranslation();
  const id = 'd-sameViolationCaseId';
  const otherTrack = OTHER_TRACK[subject.track];
  const records = useQuery({
    queryKey: ['same-violation-cases', subject.personId, otherTrack],
    enabled: Boolean(otherTrack),
    queryFn: () =>
      unwrap<Page<RegisterRecord>>(
        api.GET('/discipline-records', {
          params: {
            query: { person: subject.personId, track: otherTrack, limit: '100' } as never,
          },
          headers: { 'X-Purpose': PURPOSE.disciplineDecision },
        }),
      ),
  });
  // An annulled decision is no decision to link (the server refuses it: not decided).
  const choices = (records.data?.items ?? []).filter(
    (r) =>
      r.caseId !== subject.caseId && r.personId === subject.personId && r.status !== 'annulled',
  );
  const label = (r: RegisterRecord) =>
    t('discipline.form.sameViolationOption', {
      track: t(`discipline.${r.track}`, { defaultValue: r.track }),
      category: t(`discipline.categories.${r.violationCategory}`, {
        defaultValue: r.violationCategory,
      }),
      form: t(`discipline.forms.${r.form}`, { defaultValue: r.form }),
      // The number with its day, as dd/mm/yyyy ("12/QĐ-UBND (07/12/2026)").
      ref: formatDecisionRef(r.decisionRef),
      status: t(`status.${r.status}`, { defaultValue: r.status }),
    });
  const hint = records.isPending
    ? t('discipline.form.sameViolationLoading')
    : records.isSuccess && choices.length === 0
      ? t('discipline.form.sameViolationEmpty')
      : undefined;
  return (
    <Field id={id} label={t('discipline.form.sameViolationCaseId')} error={error} hint={hint}>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={Boolean(error) || undefined}
        aria-describedby={describedBy(id, Boolean(hint), Boolean(error))}
      >
        <option value="">{t('discipline.form.sameViolationNone')}</option>
        {choices.map((r) => (
          <option key={r.caseId} value={r.caseId}>
            {label(r)}
          </option>
        ))}
        {/* A value recorded before (a correction) that the register does not list stays shown. */}
        {value && !choices.some((r) => r.caseId === value) && (
          <option value={value}>{value}</option>
        )}
      </select>
    </Field>
  );
}

/**
 * The banner's title when the server refuses the chosen case (403 naming sameViolationCaseId): the
 * case cannot be used. Before, «Ngoài phạm vi đơn vị của bạn», which misled when the case is just
 * not one of the person's decided cases in the caller's units; the reason under it says which.
 */
export function sameViolationRefusalTitle(t: TFunction, error: unknown): string | undefined {
  return error instanceof ApiError && error.status === 403 && error.field === 'sameViolationCaseId'
    ? t('discipline.form.sameViolationRefused')
    : undefined;
}
