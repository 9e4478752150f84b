import type { TFunction } from 'i18next';
import { impossibleDay } from './dates';

/**
 * What a day field says of text that is no day: a date typed dd/mm/yyyy the calendar has not
 * («Ngày 31/11/2026 không có thật»: before, «Ngày theo dạng dd/mm/yyyy», though it was), else
 * the form's own message (`formKey`) asking for dd/mm/yyyy.
 */
export function dayProblem(text: string, t: TFunction, formKey: string): string {
  const day = impossibleDay(text);
  return day ? t('day.noSuchDay', { day }) : t(formKey);
}
