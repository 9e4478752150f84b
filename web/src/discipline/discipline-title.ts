import { TFunction } from 'i18next';
import { DisciplineCaseView } from './discipline-api';

/**
 * A discipline case as a reader names it, like any case (case-title.ts): the procedure, whom it is
 * about and the form in force, or its track before a form is decided
 * (`Kỷ luật — Lê Văn Cường — Cảnh cáo`). Before, the heading and the tab read the case's id.
 */
export function disciplineCaseTitle(view: DisciplineCaseView, t: TFunction): string {
  const person = view.names?.people[view.personId] ?? view.personId;
  const formOrTrack = view.form
    ? t(`forms.${view.form}`, { defaultValue: view.form })
    : t(`discipline.titleTrack.${view.track}`);
  return [t('procedure.discipline'), person, formOrTrack].join(' — ');
}
