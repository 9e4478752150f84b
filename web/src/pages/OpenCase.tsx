import { foldDiacritics } from '../fold-diacritics';
import { FormEvent, ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { afterRecordWrite } from '../api/record-queries';
import { api, ApiError, idempotencyKeys, unwrap } from '../api/client';
import { useCatalog, usePostCaseUnits, usePostsHeld, usePositions } from '../api/hooks';
import { formatDay, parseDay, vietnamToday } from '../dates';
import { dayProblem } from '../day-problem';
import { can, getSession } from '../session';
import { DayInput } from '../components/DayInput';
import { PersonPicker } from '../components/PersonPicker';
import { GROUNDS_FIELDS, GroundsField, RemovalGrounds } from '../components/RemovalGrounds';
import { navigate, useLocation } from '../router';
import { ErrorBox, Loading, refusalLine, ruleTitle } from '../components/common';
import { useOrgUnits } from './Inbox';
import { postsWithin, unitsWithinGrant } from '../org-unit-tree';
import { ChoiceSelect } from '../components/ChoiceSelect';
import { newestInForce } from '../definitions-in-force';
import { usePositionNames, useReasonText } from '../server-text/use-reason-text';
import { ruleSetName } from '../server-text/rule-set-name';
import { approvalInPrincipleNeededFrom } from '../approval-in-principle';
import { Link } from '../router';
import { useFocusOnInvalid } from '../components/focus-on-invalid';
import { PURPOSE } from '../purposes';

const keys = idempotencyKeys();
const PROCEDURES = [
  'appointment',
  'reappointment',
  'rotation',
  'transfer',
  'removal',
  'extension',
  'approval_in_principle',
  'consultation',
  'election',
  'competitive_exam',
];

/** A competitive examination runs as an appointment: its definitions are the `exam.*` ones. */
const isExam = (definitionId: string) => definitionId.startsWith('exam.');
/** A transfer (điều động) runs as a rotation case: its definitions are the `transfer.*` ones. */
const isTransfer = (definitionId: string) => definitionId.startsWith('transfer.');
const opensUnder = (procedure: string, d: { id: string; procedure: string }) =>
  procedure === 'competitive_exam'
    ? isExam(d.id)
    : procedure === 'transfer'
      ? isTransfer(d.id)
      : d.procedure === procedure && !isExam(d.id) && !isTransfer(d.id);

/** Procedures about a post the person holds: only their posts are offered. */
const ON_A_POST_HELD = ['reappointment', 'removal', 'extension'];
/** Procedures the server refuses for an elected post (position.elected): its posts are not offered. */
const NOT_FOR_ELECTED_POSTS = [
  'appointment',
  'reappointment',
  'rotation',
  'transfer',
  'extension',
  'competitive_exam',
  'approval_in_principle',
];
/** Procedures for a post the People's Council elects: only those posts are offered. */
const FOR_ELECTED_POSTS_ONLY = ['election'];
/** Procedures that appoint: an approval in principle or an agreement (hiệp y) may be named. */
const APPOINTS = ['appointment', 'competitive_exam'];
/** The form's fields a refusal may name (its `field`), each shown under its own control. */
type FormField =
  | 'procedure'
  | 'definition'
  | 'personId'
  | 'positionId'
  | 'orgUnitId'
  | 'summary'
  | 'approvalInPrincipleCaseId'
  | 'consultationCaseId'
  | 'openedOn'
  | 'paperRecordRef'
  | 'grounds.kind'
  | `grounds.${GroundsField}`;
const FORM_FIELDS: readonly string[] = [
  'procedure',
  'definition',
  'personId',
  'positionId',
  'orgUnitId',
  'summary',
  'approvalInPrincipleCaseId',
  'consultationCaseId',
  'openedOn',
  'paperRecordRef',
  'grounds.kind',
  // The grounds' own inputs (RemovalGrounds): a refusal naming one shows under it (before: a
  // resignation letter dated after today was refused in the box below the form).
  ...GROUNDS_FIELDS.map((name) => `grounds.${name}`),
];

/** The removals whose case rests on a ground chosen from a list (relief, dismissal). */
const RESTS_ON_A_GROUND = ['removal.relief', 'removal.dismissal'];

/**
 * The question GET /cadres/:id/eligibility answers before each procedure opens (`procedure`):
 * an appointment's, or what a rotation's opening judges, whose rules differ (before, a rotation
 * showed no verdict and was refused only after «Mở hồ sơ»).
 */
const ELIGIBILITY_ASKED: Record<string, 'appointment' | 'rotation'> = {
  appointment: 'appointment',
  competitive_exam: 'appointment',
  approval_in_principle: 'appointment',
  rotation: 'rotation',
};

/** Open a case: procedure and definition, the person and the post by name, the eligibility verdict first. */
export function OpenCase() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const catalog = useCatalog();
  const positions = usePositions();
  const postNames = usePositionNames(positions.data);
  const units = useOrgUnits();
  const [person, setPerson] = useState<{ id: string; fullName: string } | null>(null);
  // A refusal names the units, the post and the person by the names the form shows (before:
  // "… do ou-phuong-son-tay-culture-society thực hiện …", "p-nguyen-van-an đã có hồ sơ …").
  const names = useMemo(
    () => ({
      ...postNames,
      orgUnits: Object.fromEntries((units.data ?? []).map((u) => [u.id, u.name])),
      people: person ? { [person.id]: person.fullName } : {},
    }),
    [postNames, units.data, person],
  );
  const reasonText = useReasonText(names);
  // Opened from a post (`?procedure=competitive_exam&position=…`): both come filled in. Opened
  // from the menu, nothing is: the user says what they came for (no procedure is the usual one).
  const { query } = useLocation();
  const [procedure, setProcedure] = useState(() =>
    PROCEDURES.includes(query.get('procedure') ?? '') ? query.get('procedure')! : '',
  );
  const [definition, setDefinition] = useState(() => query.get('definition') ?? '');
  // Sent without a field it needs: the field says so (nothing is sent). The button stays enabled
  // (before: disabled until Tóm tắt was filled, with nothing to say why).
  const [missing, setMissing] = useState<Partial<Record<FormField, boolean>>>({});
  const personId = person?.id ?? '';
  const [positionQuery, setPositionQuery] = useState('');
  const [positionId, setPositionId] = useState(() => query.get('position') ?? '');
  const [orgUnitId, setOrgUnitId] = useState('');
  const [summary, setSummary] = useState('');
  const [approvalCaseId, setApprovalCaseId] = useState('');
  const [consultationCaseId, setConsultationCaseId] = useState('');
  const [fromPaper, setFromPaper] = useState(false);
  const [openedOnText, setOpenedOnText] = useState('');
  const [paperRecordRef, setPaperRecordRef] = useState('');
  const [grounds, setGrounds] = useState<Record<string, unknown> | undefined>(undefined);
  const session = getSession();
  const mayOpenFromPaper = session ? can.openFromPaper(session) : false;
  const openedOn = fromPaper ? parseDay(openedOnText) : null;
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // A submit the form holds back, or the server refuses on a field: focus goes to the first field
  // to correct (before: it stayed on «Mở hồ sơ», far below what was wrong).
  const { formRef, focusFirstInvalid } = useFocusOnInvalid<HTMLFormElement>();
  const asked = ELIGIBILITY_ASKED[procedure];
  const eligibility = useQuery({
    queryKey: ['eligibility', personId, positionId, asked],
    // A paper case was vetted on paper; the record here was entered later, so it cannot say
    // what the person's record was on the day the case began.
    enabled: Boolean(personId && positionId && !fromPaper && asked),
    queryFn: () =>
      unwrap<{
        eligible: boolean;
        asOf: string;
        ruleSet: string;
        reasons: { rule: string; reason: string }[];
      }>(
        api.GET('/cadres/{id}/eligibility', {
          params: { path: { id: personId }, query: { for: positionId, procedure: asked } },
          headers: { 'X-Purpose': PURPOSE.openCase },
        }),
      ),
  });
  const postsHeld = usePostsHeld(
    ON_A_POST_HELD.includes(procedure) ? personId : '',
    PURPOSE.openCase,
  );
  // Which units may run it depends on the procedure (the Đảng ủy introduces a candidate for election).
  const postCaseUnits = usePostCaseUnits(positionId, procedure);
  if (catalog.isPending || positions.isPending) return <Loading />;
  const inForceUnder = (p: string) =>
    newestInForce(
      (catalog.data?.definitions ?? []).filter((d) => opensUnder(p, d)),
      vietnamToday(),
    );
  // Only the procedures with a definition in force today are offered.
  const offered = PROCEDURES.filter((p) => inForceUnder(p).length > 0);
  const definitions = offered.includes(procedure) ? inForceUnder(procedure) : [];
  // The one chosen (or named in the address) if in force for the procedure; else the only one
  // in force; with several, none until the user picks (appointment: internal or external source).
  const chosenDefinition = definitions.some((d) => d.id === definition)
    ? definition
    : definitions.length === 1
      ? definitions[0].id
      : '';
  // A definition that fills a post opens without a person.
  const fillsPost = Boolean(definitions.find((d) => d.id === chosenDefinition)?.fillsPost);
  // Only what the grant reaches: a post or unit outside it would be refused after the form is filled.
  const grantedUnits = unitsWithinGrant(units.data ?? []);
  // Typed with or without diacritics ("giam doc" finds "Giám đốc").
  const held = new Set(postsHeld.data ?? []);
  const matchingPositions = postsWithin(positions.data ?? [], grantedUnits)
    .filter((p) => foldDiacritics(p.title).includes(foldDiacritics(positionQuery)))
    .filter((p) => !ON_A_POST_HELD.includes(procedure) || held.has(p.id))
    .filter((p) => !NOT_FOR_ELECTED_POSTS.includes(procedure) || p.filledBy !== 'election')
    .filter((p) => !FOR_ELECTED_POSTS_ONLY.includes(procedure) || p.filledBy === 'election');
  const position = positions.data?.find((p) => p.id === positionId);
  // The units that may run a case about the post, as the server says (another is refused:
  // case.unit_without_authority), among those the grant reaches.
  const caseUnits =
    positionId && postCaseUnits.data
      ? grantedUnits.filter((u) => postCaseUnits.data.includes(u.id))
      : grantedUnits;
  // The unit that runs the case: the one chosen if it may, else the post's appointing authority
  // or the post's unit, else the only one that may.
  const offeredUnit = (id: string | undefined) =>
    id && caseUnits.some((u) => u.id === id) ? id : undefined;
  const caseUnit =
    offeredUnit(orgUnitId) ||
    offeredUnit(position?.appointingAuthority) ||
    offeredUnit(position?.orgUnitId) ||
    (caseUnits.length === 1 ? caseUnits[0].id : '');

  // Needs the authority's approval in principle first (chủ trương): said before opening, under
  // the unit, with what to do (before: only the server's refusal after Mở hồ sơ).
  const approvalFrom = APPOINTS.includes(procedure)
    ? approvalInPrincipleNeededFrom(
        catalog.data?.ruleSets ?? [],
        (fromPaper && openedOn) || vietnamToday(),
        position,
        caseUnit,
      )
    : null;
  const unitName = (id: string) => names.orgUnits[id] ?? id;
  // A refusal that names one of the form's fields shows under it; any other in the box below.
  const refused = error instanceof ApiError ? error : null;
  const refusedField =
    refused?.field && FORM_FIELDS.includes(refused.field) ? (refused.field as FormField) : null;
  const problem = (field: FormField): ReactNode =>
    missing[field]
      ? t('open.required')
      : refusedField === field && refused
        ? t('form.refused', {
            message: refusalLine(
              refused.rule ? ruleTitle(t, refused) : null,
              reasonText(refused.message),
            ),
          })
        : null;
  const problemOf = (field: FormField, id: string) => {
    const text = problem(field);
    return {
      className: `field${text ? ' has-error' : ''}`,
      invalid: text ? true : undefined,
      describedBy: text ? `${id}-error` : undefined,
      message: text ? (
        <span className="field-error" id={`${id}-error`} role="alert">
          {text}
        </span>
      ) : null,
    };
  };
  // The case that already holds the slot (case.duplicate_open names it): a link to go and close it.
  const openCaseId =
    refused?.rule === 'case.duplicate_open' && typeof refused.body.openCaseId === 'string'
      ? refused.body.openCaseId
      : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const unset: Partial<Record<FormField, boolean>> = {
      procedure: !offered.includes(procedure),
      // Sent with no procedure, the «Quy trình» left empty says so too (before: nothing under it,
      // while the person, post, unit and summary each said «Bắt buộc»).
      definition: !chosenDefinition,
      personId: !personId && !fillsPost,
      positionId: !positionId,
      orgUnitId: !caseUnit,
      summary: !summary.trim(),
      openedOn: fromPaper && !openedOn,
      paperRecordRef: fromPaper && !paperRecordRef.trim(),
      'grounds.kind':
        procedure === 'removal' &&
        RESTS_ON_A_GROUND.includes(chosenDefinition) &&
        !(grounds as { kind?: string } | undefined)?.kind,
    };
    setMissing(unset);
    setError(null);
    if (Object.values(unset).some(Boolean)) {
      focusFirstInvalid();
      return;
    }
    setBusy(true);
    const body = {
      procedure,
      definition: chosenDefinition,
      ...(personId ? { personId } : {}),
      positionId,
      orgUnitId: caseUnit,
      summary,
      ...(fromPaper ? { openedOn: openedOn ?? openedOnText, paperRecordRef } : {}),
      ...(APPOINTS.includes(procedure) && approvalCaseId.trim()
        ? { approvalInPrincipleCaseId: approvalCaseId.trim() }
        : {}),
      ...(APPOINTS.includes(procedure) && consultationCaseId.trim()
        ? { consultationCaseId: consultationCaseId.trim() }
        : {}),
      ...(procedure === 'removal' && grounds ? { grounds } : {}),
    };
    try {
      const opened = await unwrap<{ id: string }>(
        api.POST('/cases', { body: body as never, headers: { 'Idempotency-Key': keys(body) } }),
      );
      await afterRecordWrite(queryClient);
      navigate(`/cases/${opened.id}`);
    } catch (e) {
      setError(e);
      if (e instanceof ApiError && e.field && FORM_FIELDS.includes(e.field)) focusFirstInvalid();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section>
      <h1>{t('open.title')}</h1>
      <form ref={formRef} className="card" onSubmit={submit} noValidate>
        <p className="hint" data-testid="open-required">
          {t('open.requiredFields')}
        </p>
        <div className="row wrap">
          <div className={`field${missing.procedure ? ' has-error' : ''}`}>
            <label htmlFor="open-procedure">{t('open.procedure')}</label>
            <select
              id="open-procedure"
              value={offered.includes(procedure) ? procedure : ''}
              aria-invalid={Boolean(missing.procedure)}
              aria-describedby={missing.procedure ? 'open-procedure-error' : undefined}
              onChange={(e) => {
                setProcedure(e.target.value);
                setDefinition('');
                setGrounds(undefined);
                setMissing({});
              }}
            >
              <option value="" disabled>
                {t('open.chooseProcedure')}
              </option>
              {offered.map((p) => (
                <option key={p} value={p}>
                  {t(`procedure.${p}`)}
                </option>
              ))}
            </select>
            {missing.procedure && (
              <span className="field-error" id="open-procedure-error">
                {t('open.procedureMissing')}
              </span>
            )}
          </div>
          <div className={`field${missing.definition ? ' has-error' : ''}`}>
            <label htmlFor="open-definition">{t('open.definition')}</label>
            <select
              id="open-definition"
              value={chosenDefinition}
              aria-invalid={Boolean(missing.definition)}
              aria-describedby={missing.definition ? 'open-definition-error' : undefined}
              onChange={(e) => {
                setDefinition(e.target.value);
                setGrounds(undefined);
                setMissing({});
              }}
            >
              {definitions.length !== 1 && (
                <option value="" disabled>
                  {t(procedure ? 'open.chooseDefinition' : 'open.chooseProcedureFirst')}
                </option>
              )}
              {definitions.map((d) => (
                <option key={d.id} value={d.id}>
                  {i18n.language === 'en' ? d.title : d.titleVi} (v{d.version})
                </option>
              ))}
            </select>
            {missing.definition && (
              <span className="field-error" id="open-definition-error">
                {t(
                  offered.includes(procedure)
                    ? 'open.definitionMissing'
                    : 'open.definitionNeedsProcedure',
                )}
              </span>
            )}
          </div>
        </div>
        <PersonPicker
          id="open-person"
          searchLabel={t('open.person')}
          pickLabel={t('open.pickPerson')}
          value={personId}
          required={!fillsPost}
          invalid={problemOf('personId', 'open-person').invalid}
          describedBy={problemOf('personId', 'open-person').describedBy}
          onPick={(picked) => {
            setPerson(picked ? { id: picked.id, fullName: picked.fullName } : null);
            setMissing(({ personId: _picked, ...rest }) => rest);
          }}
        >
          {fillsPost && (
            <div className="hint" data-testid="open-person-optional">
              {t('open.personOptional')}
            </div>
          )}
          {problemOf('personId', 'open-person').message}
        </PersonPicker>
        <div className="row wrap">
          <div className="field">
            <label htmlFor="open-position-q">{t('open.position')}</label>
            <input
              id="open-position-q"
              value={positionQuery}
              onChange={(e) => setPositionQuery(e.target.value)}
              autoComplete="off"
            />
          </div>
          <div className={problemOf('positionId', 'open-position').className}>
            <label htmlFor="open-position">{t('open.pickPosition')}</label>
            <ChoiceSelect
              id="open-position"
              value={positionId}
              onChoose={(id) => {
                setPositionId(id);
                setMissing(({ positionId: _chosen, ...rest }) => rest);
              }}
              empty="—"
              choices={matchingPositions.map((p) => ({ value: p.id, label: p.title }))}
              aria-required
              aria-invalid={problemOf('positionId', 'open-position').invalid}
              aria-describedby={problemOf('positionId', 'open-position').describedBy}
            />
            {problemOf('positionId', 'open-position').message}
          </div>
          <div className={problemOf('orgUnitId', 'open-unit').className}>
            <label htmlFor="open-unit">{t('open.unit')}</label>
            <ChoiceSelect
              id="open-unit"
              value={caseUnit}
              onChoose={(id) => {
                setOrgUnitId(id);
                setMissing(({ orgUnitId: _chosen, ...rest }) => rest);
              }}
              empty="—"
              choices={caseUnits.map((u) => ({ value: u.id, label: u.name }))}
              aria-required
              aria-invalid={problemOf('orgUnitId', 'open-unit').invalid}
              aria-describedby={
                [
                  problemOf('orgUnitId', 'open-unit').describedBy,
                  approvalFrom ? 'open-unit-approval' : undefined,
                ]
                  .filter(Boolean)
                  .join(' ') || undefined
              }
            />
            {approvalFrom && (
              <div className="hint" id="open-unit-approval" data-testid="approval-needed">
                {t(approvalCaseId.trim() ? 'open.approvalNeededNamed' : 'open.approvalNeeded', {
                  unit: unitName(caseUnit),
                  authority: unitName(approvalFrom),
                })}
              </div>
            )}
            {problemOf('orgUnitId', 'open-unit').message}
          </div>
        </div>
        <div className={problemOf('summary', 'open-summary').className}>
          <label htmlFor="open-summary">{t('open.summary')}</label>
          <input
            id="open-summary"
            value={summary}
            onChange={(e) => {
              setSummary(e.target.value);
              setMissing(({ summary: _typed, ...rest }) => rest);
            }}
            aria-required
            aria-invalid={problemOf('summary', 'open-summary').invalid}
            aria-describedby={problemOf('summary', 'open-summary').describedBy}
          />
          {problemOf('summary', 'open-summary').message}
        </div>
        {APPOINTS.includes(procedure) && (
          <div className={problemOf('approvalInPrincipleCaseId', 'open-approval').className}>
            <label htmlFor="open-approval">{t('open.approvalInPrinciple')}</label>
            <input
              id="open-approval"
              value={approvalCaseId}
              onChange={(e) => setApprovalCaseId(e.target.value)}
              autoComplete="off"
              aria-invalid={problemOf('approvalInPrincipleCaseId', 'open-approval').invalid}
              aria-describedby={problemOf('approvalInPrincipleCaseId', 'open-approval').describedBy}
            />
            {problemOf('approvalInPrincipleCaseId', 'open-approval').message}
          </div>
        )}
        {APPOINTS.includes(procedure) && (
          <div className={problemOf('consultationCaseId', 'open-consultation').className}>
            <label htmlFor="open-consultation">{t('open.consultation')}</label>
            <input
              id="open-consultation"
              value={consultationCaseId}
              onChange={(e) => setConsultationCaseId(e.target.value)}
              autoComplete="off"
              aria-invalid={problemOf('consultationCaseId', 'open-consultation').invalid}
              aria-describedby={problemOf('consultationCaseId', 'open-consultation').describedBy}
            />
            {problemOf('consultationCaseId', 'open-consultation').message}
          </div>
        )}
        {procedure === 'removal' && chosenDefinition && (
          <RemovalGrounds
            key={chosenDefinition}
            definition={chosenDefinition}
            onChange={(next) => {
              setGrounds(next);
              setMissing(({ 'grounds.kind': _chosen, ...rest }) => rest);
            }}
            kindProblem={problemOf('grounds.kind', 'grounds-kind')}
            fieldProblem={(name) => problemOf(`grounds.${name}`, `grounds-${name}`)}
          />
        )}
        {mayOpenFromPaper && (
          <fieldset className="card" data-testid="from-paper">
            <legend>
              <label>
                <input
                  type="checkbox"
                  checked={fromPaper}
                  onChange={(e) => setFromPaper(e.target.checked)}
                />{' '}
                {t('open.fromPaper')}
              </label>
            </legend>
            {fromPaper && (
              <>
                <p className="muted">{t('open.fromPaperNote')}</p>
                <div className="row wrap">
                  <div
                    className={`field${(openedOnText && !openedOn) || problem('openedOn') ? ' has-error' : ''}`}
                  >
                    <label htmlFor="open-opened-on">{t('open.openedOn')}</label>
                    <DayInput
                      id="open-opened-on"
                      value={openedOnText}
                      onChange={(e) => setOpenedOnText(e.target.value)}
                      aria-required
                      aria-invalid={Boolean(openedOnText && !openedOn)}
                    />
                    {openedOnText && !openedOn ? (
                      <span className="field-error">
                        {dayProblem(openedOnText, t, 'open.badDay')}
                      </span>
                    ) : (
                      problemOf('openedOn', 'open-opened-on').message
                    )}
                  </div>
                  <div className={problemOf('paperRecordRef', 'open-paper-ref').className}>
                    <label htmlFor="open-paper-ref">{t('open.paperRecordRef')}</label>
                    <input
                      id="open-paper-ref"
                      value={paperRecordRef}
                      onChange={(e) => setPaperRecordRef(e.target.value)}
                      autoComplete="off"
                      aria-required
                      aria-invalid={problemOf('paperRecordRef', 'open-paper-ref').invalid}
                      aria-describedby={problemOf('paperRecordRef', 'open-paper-ref').describedBy}
                    />
                    {problemOf('paperRecordRef', 'open-paper-ref').message}
                  </div>
                </div>
              </>
            )}
          </fieldset>
        )}
        {eligibility.data && !fromPaper && asked && (
          <div
            className={eligibility.data.eligible ? 'notice' : 'warning'}
            role="status"
            data-testid="eligibility"
          >
            <strong>
              {t(eligibility.data.eligible ? 'open.eligible' : 'open.notEligible', {
                date: formatDay(eligibility.data.asOf),
              })}
            </strong>
            <ul>
              {eligibility.data.reasons.map((r) => (
                <li key={r.rule} title={r.rule}>
                  {reasonText(r.reason)}
                </li>
              ))}
            </ul>
            {/* The rule set by the day and the instruments it applies; its id in the tooltip. */}
            <div title={eligibility.data.ruleSet} data-testid="eligibility-rule-set">
              {t('open.eligibilityRuleSet', {
                name: ruleSetName(
                  t,
                  eligibility.data.ruleSet,
                  catalog.data?.ruleSets.find((r) => r.id === eligibility.data.ruleSet),
                ),
              })}
            </div>
          </div>
        )}
        <ErrorBox
          error={eligibility.error ?? (refusedField ? null : error)}
          names={names}
          outcomeOfSubmit={!eligibility.error}
        />
        {openCaseId && (
          <p data-testid="open-case-existing">
            <Link to={`/cases/${openCaseId}`}>{t('open.existingCase', { id: openCaseId })}</Link>
          </p>
        )}
        {Object.values(missing).some(Boolean) && (
          <p className="field-error" role="status" data-testid="open-missing">
            {t('open.missingFields')}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {t('open.submit')}
        </button>
      </form>
    </section>
  );
}
