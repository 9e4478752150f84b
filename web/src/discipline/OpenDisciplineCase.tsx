import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, idempotencyKeys, unwrap } from '../api/client';
import { afterRecordWrite } from '../api/record-queries';
import { useCatalog, usePositions } from '../api/hooks';
import { formatDay, parseDay, typedButNotADay, vietnamToday } from '../dates';
import { dayProblem } from '../day-problem';
import { DayInput } from '../components/DayInput';
import { PersonPicker } from '../components/PersonPicker';
import { ErrorBox, Field, Loading } from '../components/common';
import { useFocusOnInvalid } from '../components/focus-on-invalid';
import { useReasonText } from '../server-text/use-reason-text';
import { navigate } from '../router';
import { useOrgUnits } from '../pages/Inbox';
import { partyCommitteeOver, unitsWithinGrant } from '../org-unit-tree';
import { ChoiceSelect } from '../components/ChoiceSelect';
import { newestInForce } from '../definitions-in-force';
import { violationCategories, VIOLATION_SOURCES } from './violation-kinds';
import { formsByService, leftServiceOn, StatusPeriod } from './left-service';
import { PURPOSE } from '../purposes';
import { violationAlreadyHandled, ViolationAlreadyHandled } from './ViolationAlreadyHandled';

const keys = idempotencyKeys();
/** The fields a case cannot be opened without, in the order the form shows them. */
const REQUIRED = [
  'personId',
  'orgUnitId',
  'summary',
  'category',
  'source',
  'committedOn',
  'description',
] as const;
type RequiredField = (typeof REQUIRED)[number];
/** The rule sets' track of each discipline track (the server's RULE_TRACK). */
const RULE_TRACK: Record<string, string> = { civil_service: 'state-', party: 'party-' };
/**
 * Opening a discipline case (inspection team or organization staff): the track, the person and
 * their unit, and the violation as reported — when it was committed and detected, where the report
 * came from, what it was. The server judges the limitation period from these.
 */
export function OpenDisciplineCase() {
  const { t, i18n } = useTranslation();
  const reasonText = useReasonText();
  const queryClient = useQueryClient();
  const catalog = useCatalog();
  const positions = usePositions();
  const units = useOrgUnits();
  const [definition, setDefinition] = useState('');
  const [personId, setPersonId] = useState('');
  const [orgUnitId, setOrgUnitId] = useState('');
  // The unit of the person picked, and whether the unit was chosen by hand: the track's prefill
  // follows the track until then.
  const [personUnit, setPersonUnit] = useState('');
  const [unitChosen, setUnitChosen] = useState(false);
  const [positionId, setPositionId] = useState('');
  const [serviceStatus, setServiceStatus] = useState('');
  const [electedCadre, setElectedCadre] = useState(false);
  const [summary, setSummary] = useState('');
  const [category, setCategory] = useState('');
  const [committedOn, setCommittedOn] = useState('');
  const [detectedOn, setDetectedOn] = useState('');
  const [description, setDescription] = useState('');
  // The kind of violation and where it was reported start empty and must be chosen (before: «Quản
  // lý đất đai» and «Phản ánh, báo cáo» were preset, and a case opened with what nobody chose).
  const [source, setSource] = useState('');
  const [severity, setSeverity] = useState('');
  // Another act of the same category the same day as one already in a case: why it is another.
  const [distinctViolation, setDistinctViolation] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // The required fields found empty at the last submit (before: «Mở hồ sơ kỷ luật» just stayed
  // disabled, and nothing said which field was missing).
  const [missing, setMissing] = useState<RequiredField[]>([]);
  // A refusal the server names on a field: focus goes to that field (before: it stayed on the
  // submit button, below the whole form).
  const { formRef, focusFirstInvalid } = useFocusOnInvalid<HTMLFormElement>();
  // The server refuses a post the person does not hold (422 discipline.post_not_held), and a form
  // one who retired or left the service may not be given: the record read once says both.
  const record = useQuery({
    queryKey: ['discipline-opening-record', personId],
    enabled: Boolean(personId),
    queryFn: () =>
      unwrap<{ posts: { positionId: string }[]; statuses: StatusPeriod[] }>(
        api.GET('/cadres/{id}', {
          params: { path: { id: personId } },
          headers: { 'X-Purpose': PURPOSE.disciplineCaseOpening },
        }),
      ),
  });
  if (catalog.isPending || positions.isPending || units.isPending) return <Loading />;

  const definitions = newestInForce(
    (catalog.data?.definitions ?? []).filter((d) => d.procedure === 'discipline'),
    vietnamToday(),
  );
  const chosen = definition || definitions[0]?.id || '';
  const categories = violationCategories(catalog.data?.ruleSets ?? []);
  const civilService = chosen.startsWith('discipline.civil-service');
  // The forms of the track, from the newest rule set in force that lists them (a form of the
  // other track would be refused once the form is sent).
  const today = vietnamToday();
  const track = civilService ? 'civil_service' : 'party';
  const formsOf = (r: { params: Record<string, { value: unknown }> }) =>
    (r.params['discipline.forms']?.value as Record<string, string[]> | undefined)?.[track];
  // A civil-service case is pinned to the State track's set in force (`state-<day>`), a Party case
  // to the Party's; the whole sets (vn-2022, vn-2025) only where no track set lists the forms.
  const inForce = (catalog.data?.ruleSets ?? [])
    .filter((r) => {
      const until = (r as { effectiveTo?: string }).effectiveTo;
      return r.effectiveFrom <= today && (!until || today <= until) && formsOf(r);
    })
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom));
  const ruleSet = inForce.find((r) => r.id.startsWith(RULE_TRACK[track])) ?? inForce[0];
  const detected = detectedOn.trim() ? parseDay(detectedOn) : null;
  // One the record shows retired or gone on the detection day (the opening day when none is
  // typed) is offered only the forms for them, as the case page offers them.
  const leftService = leftServiceOn(track, record.data?.statuses ?? [], detected ?? today);
  const severities = formsByService(
    ruleSet?.params,
    track,
    Boolean(leftService && ruleSet?.params['discipline.formsAfterLeavingService']),
  );
  const severityChosen = severities.includes(severity) ? severity : '';
  const grantedUnits = unitsWithinGrant(units.data ?? []);
  const granted = new Set(grantedUnits.map((u) => u.id));
  const titles = new Map((positions.data ?? []).map((p) => [p.id, p.title]));
  // The unit a case of the track is prefilled with: a Party case is decided by the Party
  // committee over the person's unit (Đảng ủy xã for an official of UBND xã), a civil-service
  // case by their own unit (before: the person's unit for both, so a Party decision was listed
  // under «Đơn vị quyết định» UBND xã).
  const prefilledUnit = (forTrack: string, unitId: string) => {
    const unit =
      forTrack === 'party' ? (partyCommitteeOver(grantedUnits, unitId)?.id ?? unitId) : unitId;
    return granted.has(unit) ? unit : '';
  };
  const personsPosts = (record.data?.posts ?? []).map(({ positionId: id }) => ({
    value: id,
    label: titles.get(id) ?? id,
  }));
  const committed = parseDay(committedOn);
  const fieldError = (field: string) =>
    error instanceof ApiError && error.field === field ? reasonText(error.message) : null;
  // Said on «Vi phạm khác cùng ngày», where the reader states another violation that day.
  const handledElsewhere = violationAlreadyHandled(error);
  const missingError = (field: RequiredField) =>
    missing.includes(field) ? t(`discipline.openForm.missing.${field}`) : null;
  /** A required control's marks: required, and invalid (with its message) while left empty. */
  const requiredControl = (id: string, error: string | null) => ({
    'aria-required': true,
    'aria-invalid': Boolean(error) || undefined,
    'aria-describedby': error ? `${id}-error` : undefined,
  });
  const filled: Record<RequiredField, boolean> = {
    personId: Boolean(personId),
    orgUnitId: Boolean(orgUnitId),
    summary: Boolean(summary.trim()),
    category: Boolean(category),
    source: Boolean(source),
    committedOn: Boolean(committed),
    description: Boolean(description.trim()),
  };
  const fill = (field: RequiredField) => setMissing((m) => m.filter((f) => f !== field));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const empty = REQUIRED.filter((field) => !filled[field]);
    setMissing(empty);
    setError(null);
    if (empty.length || typedButNotADay(detectedOn)) {
      focusFirstInvalid();
      return;
    }
    setBusy(true);
    const body = {
      definition: chosen,
      personId,
      ...(positionId ? { positionId } : {}),
      orgUnitId,
      ...(civilService && serviceStatus ? { serviceStatus } : {}),
      ...(civilService && electedCadre ? { electedCadre } : {}),
      summary,
      violation: {
        category,
        committedOn: committed ?? committedOn,
        ...(detectedOn.trim() ? { detectedOn: detected ?? detectedOn } : {}),
        description,
        source,
        ...(severityChosen ? { severity: severityChosen } : {}),
        ...(distinctViolation.trim() ? { distinctViolation: distinctViolation.trim() } : {}),
      },
    };
    try {
      const opened = await unwrap<{ id: string }>(
        api.POST('/discipline-cases', {
          body: body as never,
          headers: { 'Idempotency-Key': keys(body) },
        }),
      );
      await afterRecordWrite(queryClient);
      navigate(`/discipline-cases/${opened.id}`);
    } catch (e) {
      setError(e);
      if (e instanceof ApiError && e.field) focusFirstInvalid();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section>
      <h1>{t('discipline.open')}</h1>
      <form ref={formRef} className="card" onSubmit={submit} noValidate>
        <p className="hint" data-testid="discipline-open-required">
          {t('discipline.openForm.requiredFields')}
        </p>
        <div className="row wrap">
          <Field id="discipline-definition" label={t('discipline.track')}>
            <ChoiceSelect
              id="discipline-definition"
              value={chosen}
              onChoose={(id) => {
                setDefinition(id);
                if (personUnit && !unitChosen) {
                  const next = id.startsWith('discipline.civil-service')
                    ? 'civil_service'
                    : 'party';
                  setOrgUnitId(prefilledUnit(next, personUnit) || orgUnitId);
                }
              }}
              choices={definitions.map((d) => ({
                value: d.id,
                label: i18n.language === 'en' ? d.title : d.titleVi,
              }))}
            />
          </Field>
          {civilService && (
            <Field
              id="discipline-service-status"
              label={t('discipline.serviceStatus')}
              error={fieldError('serviceStatus') ?? fieldError('electedCadre')}
            >
              <ChoiceSelect
                id="discipline-service-status"
                value={serviceStatus}
                onChoose={setServiceStatus}
                empty={t('discipline.openForm.serviceStatusDefault')}
                choices={['cadre', 'civil_servant'].map((status) => ({
                  value: status,
                  label: t(`discipline.${status}`),
                }))}
              />
            </Field>
          )}
        </div>
        {civilService && (
          <label>
            <input
              type="checkbox"
              checked={electedCadre}
              onChange={(e) => setElectedCadre(e.target.checked)}
            />{' '}
            {t('discipline.openForm.electedCadre')}
          </label>
        )}
        <PersonPicker
          id="discipline-person"
          searchLabel={t('open.person')}
          pickLabel={t('open.pickPerson')}
          value={personId}
          onPick={(person) => {
            setPersonId(person?.id ?? '');
            setPositionId('');
            fill('personId');
            setPersonUnit(person?.orgUnitId ?? '');
            const unit = person ? prefilledUnit(track, person.orgUnitId) : '';
            if (unit) {
              setOrgUnitId(unit);
              setUnitChosen(false);
              fill('orgUnitId');
            }
          }}
          required
          invalid={Boolean(missingError('personId'))}
          describedBy={missingError('personId') ? 'discipline-person-error' : undefined}
        >
          {missingError('personId') && (
            <span className="field-error" id="discipline-person-error" role="alert">
              {missingError('personId')}
            </span>
          )}
        </PersonPicker>
        <div className="row wrap">
          <Field
            id="discipline-unit"
            label={t('open.unit')}
            error={missingError('orgUnitId') ?? fieldError('orgUnitId')}
          >
            <ChoiceSelect
              id="discipline-unit"
              {...requiredControl('discipline-unit', missingError('orgUnitId'))}
              value={orgUnitId}
              onChoose={(id) => {
                setOrgUnitId(id);
                setUnitChosen(true);
                fill('orgUnitId');
              }}
              empty="—"
              choices={grantedUnits.map((u) => ({ value: u.id, label: u.name }))}
            />
          </Field>
          <Field
            id="discipline-position"
            label={t('discipline.openForm.position')}
            error={fieldError('positionId')}
          >
            <ChoiceSelect
              id="discipline-position"
              value={positionId}
              onChoose={setPositionId}
              empty="—"
              choices={personsPosts}
            />
          </Field>
        </div>
        <Field
          id="discipline-summary"
          label={t('open.summary')}
          error={missingError('summary') ?? fieldError('summary')}
        >
          <input
            id="discipline-summary"
            {...requiredControl('discipline-summary', missingError('summary'))}
            value={summary}
            onChange={(e) => {
              setSummary(e.target.value);
              fill('summary');
            }}
          />
        </Field>
        {leftService && (
          <p className="notice" role="status" data-testid="discipline-open-left-service">
            {t('discipline.leftService')}:{' '}
            {t('discipline.leftServiceValue', {
              status: t(`personStatus.${leftService.status}`),
              from: formatDay(leftService.from),
            })}
          </p>
        )}
        <fieldset className="card">
          <legend>{t('discipline.openForm.violation')}</legend>
          <div className="row wrap">
            <Field
              id="violation-category"
              label={t('register.category')}
              error={missingError('category')}
            >
              <ChoiceSelect
                id="violation-category"
                {...requiredControl('violation-category', missingError('category'))}
                value={category}
                onChoose={(value) => {
                  setCategory(value);
                  fill('category');
                }}
                empty={t('discipline.openForm.chooseCategory')}
                choices={categories.map((c) => ({
                  value: c,
                  label: t(`discipline.categories.${c}`, { defaultValue: c }),
                }))}
              />
            </Field>
            <Field
              id="violation-source"
              label={t('discipline.openForm.source')}
              error={missingError('source')}
            >
              <ChoiceSelect
                id="violation-source"
                {...requiredControl('violation-source', missingError('source'))}
                value={source}
                onChoose={(value) => {
                  setSource(value);
                  fill('source');
                }}
                empty={t('discipline.openForm.chooseSource')}
                choices={VIOLATION_SOURCES.map((s) => ({
                  value: s,
                  label: t(`discipline.sources.${s}`),
                }))}
              />
            </Field>
            <Field
              id="violation-severity"
              label={t('discipline.openForm.severity')}
              error={fieldError('violation.severity')}
            >
              <ChoiceSelect
                id="violation-severity"
                value={severityChosen}
                onChoose={setSeverity}
                empty="—"
                choices={severities.map((form) => ({
                  value: form,
                  label: t(`discipline.forms.${form}`),
                }))}
              />
            </Field>
          </div>
          <div className="row wrap">
            <Field
              id="violation-committed-on"
              label={t('discipline.committedOn')}
              error={
                typedButNotADay(committedOn)
                  ? dayProblem(committedOn, t, 'open.badDay')
                  : (missingError('committedOn') ?? fieldError('violation.committedOn'))
              }
            >
              <DayInput
                id="violation-committed-on"
                {...requiredControl('violation-committed-on', missingError('committedOn'))}
                value={committedOn}
                onChange={(e) => {
                  setCommittedOn(e.target.value);
                  fill('committedOn');
                }}
              />
            </Field>
            <Field
              id="violation-detected-on"
              label={t('discipline.openForm.detectedOn')}
              error={
                typedButNotADay(detectedOn)
                  ? dayProblem(detectedOn, t, 'open.badDay')
                  : fieldError('violation.detectedOn')
              }
            >
              <DayInput
                id="violation-detected-on"
                value={detectedOn}
                onChange={(e) => setDetectedOn(e.target.value)}
              />
            </Field>
          </div>
          <Field
            id="violation-description"
            label={t('discipline.openForm.description')}
            error={missingError('description') ?? fieldError('violation.description')}
          >
            <textarea
              id="violation-description"
              {...requiredControl('violation-description', missingError('description'))}
              value={description}
              onChange={(e) => {
                setDescription(e.target.value);
                fill('description');
              }}
            />
          </Field>
          <Field
            id="violation-distinct"
            label={t('discipline.openForm.distinctViolation')}
            error={
              fieldError('violation.distinctViolation') ??
              (handledElsewhere && (
                <ViolationAlreadyHandled
                  error={handledElsewhere}
                  text={reasonText(handledElsewhere.message)}
                />
              ))
            }
            hint={t('discipline.openForm.distinctViolationHint')}
          >
            <textarea
              id="violation-distinct"
              aria-invalid={Boolean(handledElsewhere) || undefined}
              aria-describedby={`violation-distinct-hint${handledElsewhere ? ' violation-distinct-error' : ''}`}
              value={distinctViolation}
              onChange={(e) => setDistinctViolation(e.target.value)}
            />
          </Field>
        </fieldset>
        {missing.length > 0 && (
          <p className="field-error" role="status" data-testid="discipline-open-missing">
            {t('discipline.openForm.missingFields', {
              fields: missing.map((field) => t(`discipline.openForm.names.${field}`)).join(', '),
            })}
          </p>
        )}
        <ErrorBox error={handledElsewhere ? null : error} outcomeOfSubmit />
        <button type="submit" disabled={busy || !chosen}>
          {t('discipline.open')}
        </button>
      </form>
    </section>
  );
}
