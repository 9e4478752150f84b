import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDay } from '../dates';
import { getSession } from '../session';
import { useDisclosureFocus } from '../components/disclosure-focus';
import { ActionForm } from './ActionForm';
import { RuleSet } from '../api/types';
import { DisciplineCaseView } from './discipline-api';
import { reviewServedOnHint } from './review-served-on-hint';

/** The routes of the actions beside the steps, as the API names them. */
export type ActionPath =
  | '/discipline-cases/{id}/complaints'
  | '/discipline-cases/{id}/complaints/review'
  | '/discipline-cases/{id}/extend'
  | '/discipline-cases/{id}/close';

export interface DisciplineCaseActionsProps {
  view: DisciplineCaseView;
  /** The forms of the case's track this person may be given, lightest first. */
  forms: string[];
  /** The case's own rule set (the announcement's hint reads its rule). */
  ruleSet?: RuleSet;
  act(path: ActionPath, body: Record<string, string | boolean>): Promise<void>;
}

/** The action the case offers now, when one of the reader's roles may take it (else null). */
function offered(view: DisciplineCaseView, action: string) {
  const roles = getSession()?.roles ?? [];
  const next = view.allowedNext.find((a) => a.action === action);
  return next && next.roles?.some((role) => roles.includes(role)) ? next : null;
}

/**
 * The complaint's body as the API takes it: "Phức tạp" chosen sends `complex: true` (the longer
 * time to resolve it, Luật Khiếu nại 2011 art. 50); "Thông thường" sends nothing.
 */
function complaintBody({ complex, ...rest }: Record<string, string>) {
  return complex === 'complex' ? { ...rest, complex: true } : rest;
}

/** Whoever may not take it is told which role does, as on a step (the subject is told already). */
function NotYours({ view, action }: { view: DisciplineCaseView; action: string }) {
  const { t } = useTranslation();
  const next = view.allowedNext.find((a) => a.action === action);
  if (!next?.roles?.length) return null;
  return <p>{t('case.notYours', { roles: next.roles.map((r) => t(`roles.${r}`)).join(', ') })}</p>;
}

/**
 * "Ghi nhận khiếu nại" while a complaint may be filed and "Giải quyết khiếu nại" while one is
 * under review, each to the roles the case names (the server's allowedNext).
 */
export function ComplaintActions({ view, forms, ruleSet, act }: DisciplineCaseActionsProps) {
  const { t, i18n } = useTranslation();
  const complaint = offered(view, 'file-complaint');
  const review = view.allowedNext.some((a) => a.action === 'review-complaint');
  const formName = (form: string) => t(`discipline.forms.${form}`, { defaultValue: form });
  return (
    <>
      {complaint && (
        <section
          className="card"
          aria-labelledby="file-complaint-title"
          data-testid="file-complaint"
        >
          <h2 id="file-complaint-title">{t('discipline.complaints.fileTitle')}</h2>
          <ActionForm
            id="complaint"
            submitLabel={t('discipline.form.submit')}
            fields={[
              { name: 'filedOn', label: t('discipline.complaints.filedOn'), kind: 'day' },
              {
                name: 'grounds',
                label: t('discipline.complaints.grounds'),
                kind: 'paragraph',
                required: true,
              },
              {
                name: 'complainantName',
                label: t('discipline.complaints.complainantName'),
                kind: 'text',
                hint: t('discipline.complaints.complainantHint'),
              },
              {
                name: 'complex',
                label: t('discipline.complaints.complex'),
                kind: 'choice',
                choices: (['ordinary', 'complex'] as const).map((value) => ({
                  value,
                  label: t(`discipline.complaints.complexChoices.${value}`),
                })),
                hint: t('discipline.complaints.complexHint'),
              },
            ]}
            // Only the civil-service track sets a time to resolve a complaint (none found for the Party's).
            shown={() =>
              ['filedOn', 'grounds', 'complainantName', 'complex'].filter(
                (name) => name !== 'complex' || view.track === 'civil_service',
              )
            }
            submit={(body) => act('/discipline-cases/{id}/complaints', complaintBody(body))}
          >
            {view.complaintWindow?.second && (
              <p className="hint" data-testid="second-complaint">
                {t('discipline.complaints.secondRound')}
              </p>
            )}
            <p className="hint">
              {t('discipline.complaints.fileUntil', { day: formatDay(complaint.until) })}
            </p>
          </ActionForm>
        </section>
      )}
      {review && (
        <section
          className="card"
          aria-labelledby="review-complaint-title"
          data-testid="review-complaint"
        >
          <h2 id="review-complaint-title">{t('discipline.complaints.reviewTitle')}</h2>
          {offered(view, 'review-complaint') ? (
            <ActionForm
              id="review"
              submitLabel={t('discipline.form.submit')}
              fields={[
                { name: 'heldOn', label: t('discipline.complaints.reviewHeldOn'), kind: 'day' },
                {
                  name: 'servedOn',
                  label: t('discipline.complaints.reviewServedOn'),
                  kind: 'day',
                  hint: reviewServedOnHint(ruleSet, forms, t, i18n.language),
                },
                {
                  name: 'number',
                  label: t('discipline.complaints.reviewNumber'),
                  kind: 'text',
                  required: true,
                },
                {
                  name: 'outcome',
                  label: t('discipline.complaints.outcome'),
                  kind: 'choice',
                  required: true,
                  missing: t('discipline.complaints.outcomeUnchosen'),
                  placeholder: t('discipline.complaints.chooseOutcome'),
                  choices: (['keep', 'change', 'annul'] as const).map((value) => ({
                    value,
                    label: t(`discipline.complaints.outcomes.${value}`),
                  })),
                },
                {
                  name: 'form',
                  label: t('discipline.complaints.newForm'),
                  kind: 'choice',
                  required: true,
                  missing: t('discipline.complaints.newFormUnchosen'),
                  placeholder: t('discipline.complaints.chooseNewForm'),
                  // The server refuses a change to the form already applied: it is not offered.
                  choices: forms
                    .filter((form) => form !== view.form)
                    .map((form) => ({ value: form, label: formName(form) })),
                },
                {
                  name: 'reason',
                  label: t('discipline.complaints.reviewReason'),
                  kind: 'paragraph',
                  required: true,
                },
              ]}
              // Left empty, the server takes the decision's own day as its announcement.
              initial={{ servedOn: '' }}
              shown={(values) =>
                ['heldOn', 'servedOn', 'number', 'outcome', 'form', 'reason'].filter(
                  (name) => name !== 'form' || values.outcome === 'change',
                )
              }
              submit={(body) => act('/discipline-cases/{id}/complaints/review', body)}
            />
          ) : (
            <NotYours view={view} action="review-complaint" />
          )}
        </section>
      )}
    </>
  );
}

/**
 * While the case is open: "Gia hạn thời hạn xử lý" (once, where the track has a time limit) and
 * "Đóng hồ sơ, không kỷ luật", each behind its button, with the reason the server requires.
 */
export function OpenCaseActions({ view, act }: DisciplineCaseActionsProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<'extend' | 'close' | null>(null);
  // The reason opens in the buttons' place: it takes focus, and «Hủy» gives it back to the button
  // (before: focus fell to <body>).
  const focus = useDisclosureFocus(open);
  const actions = [
    { key: 'extend', action: 'extend-time-limit', path: '/discipline-cases/{id}/extend' },
    { key: 'close', action: 'close', path: '/discipline-cases/{id}/close' },
  ] as const;
  const mine = actions.filter((a) => offered(view, a.action));
  if (mine.length === 0) return null;
  const chosen = mine.find((a) => a.key === open);
  return (
    <section className="card" aria-labelledby="case-actions-title" data-testid="case-actions">
      <h2 id="case-actions-title">{t('discipline.actions.title')}</h2>
      {!chosen && (
        <p>
          {mine.map((a) => (
            <button
              key={a.key}
              ref={focus.openerRef(a.key)}
              type="button"
              className="secondary"
              onClick={() => setOpen(a.key)}
            >
              {t(`discipline.actions.${a.key}`)}
            </button>
          ))}
        </p>
      )}
      {chosen && (
        <div ref={focus.panelRef}>
          <h3>{t(`discipline.actions.${chosen.key}Title`)}</h3>
          <p className="muted">{t(`discipline.actions.${chosen.key}Explain`)}</p>
          <ActionForm
            id={chosen.key}
            submitLabel={t(`discipline.actions.${chosen.key}`)}
            fields={[
              {
                name: 'reason',
                label: t('discipline.actions.reason'),
                kind: 'paragraph',
                required: true,
              },
            ]}
            submit={async (body) => {
              await act(chosen.path, body);
              setOpen(null);
            }}
          />
          <button
            type="button"
            className="secondary"
            onClick={() => {
              focus.cancelled();
              setOpen(null);
            }}
          >
            {t('case.cancel')}
          </button>
        </div>
      )}
    </section>
  );
}
