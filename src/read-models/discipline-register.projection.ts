import { RecordedEvent } from '../event-store/event-envelope';
import { Projection, ProjectionTx } from '../projections/projection';
import { serviceStatusOpened } from '../procedures/discipline/service-status-opened';

type Data = Record<string, unknown>;

/** A record written before decisions carried their validity: the bar's end stood for it. */
const inEffectUntil = (data: Data) =>
  'inEffectUntil' in data ? (data.inEffectUntil ?? null) : (data.barEndsOn ?? null);

/** What a decision's row says from a day on: its form, validity and bar, and the review that made it so. */
interface StateSince {
  since: unknown;
  form: unknown;
  inEffectUntil: unknown;
  barEndsOn: unknown;
  revisedByRef: unknown;
}

/**
 * The decision's state from a day on: a report for a period counts the form at its end, and the
 * register judged on a day shows the state of that day (a review only from its own day).
 */
const stateSince = (tx: ProjectionTx, event: RecordedEvent, state: StateSince, sequence: number) =>
  tx.query(
    `INSERT INTO discipline_record_forms (case_id, since, form, sequence, in_effect_until, bar_ends_on, revised_by_ref, revised_on, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $7::text IS NULL THEN NULL ELSE $2::date END, $8) ON CONFLICT DO NOTHING`,
    [
      (event.data as Data).caseId,
      state.since,
      state.form,
      sequence,
      state.inEffectUntil,
      state.barEndsOn,
      state.revisedByRef,
      event.recordedAt,
    ],
  );

/** The row as a review left it, kept from the review's day. */
async function stateAfterRevision(
  tx: ProjectionTx,
  event: RecordedEvent,
  sequence: number,
): Promise<void> {
  const data = event.data as Data;
  const { rows } = await tx.query(
    'SELECT form, in_effect_until::text AS in_effect_until, bar_ends_on::text AS bar_ends_on FROM discipline_records WHERE case_id = $1',
    [data.caseId],
  );
  if (!rows[0]) return;
  await stateSince(
    tx,
    event,
    {
      since: data.revisedOn,
      form: rows[0].form,
      inEffectUntil: rows[0].in_effect_until,
      barEndsOn: rows[0].bar_ends_on,
      revisedByRef: data.decisionRef,
    },
    sequence,
  );
}

/** A civil-service case opened: as whom it runs the person, kept for its decision's row. */
const civilServiceOpening = (event: RecordedEvent): boolean =>
  event.streamId.startsWith('discipline-') &&
  event.type === 'DisciplineCaseOpened' &&
  (event.data as Data).track === 'civil_service';

/** As whom the opened case runs the person, for a decision recorded before it carried it. */
const keepServiceStatus = (tx: ProjectionTx, opening: Data) =>
  tx.query(
    `INSERT INTO discipline_case_service_statuses (case_id, service_status) VALUES ($1, $2)
     ON CONFLICT (case_id) DO UPDATE SET service_status = EXCLUDED.service_status`,
    [opening.caseId, serviceStatusOpened(opening as Parameters<typeof serviceStatusOpened>[0])],
  );

/** The record's decisions and their revisions, on the person's own stream; the cases' openings. */
const handles = (event: RecordedEvent): boolean =>
  (event.streamId.startsWith('cadre-') &&
    (event.type === 'DisciplineRecorded' || event.type === 'DisciplineRevised')) ||
  civilServiceOpening(event);

/** A review's outcome on the decision: annulled from its day, or its form changed from then on. */
async function applyRevision(
  tx: ProjectionTx,
  event: RecordedEvent,
  sequence: number,
): Promise<void> {
  const data = event.data as Data;
  // The decision keeps its own number; the complaint decision that changed or annulled it is
  // named apart, with its day (before: a change replaced the decision's number with the review's).
  // An annulled decision has no validity and no bar left from the annulment's day: its row and
  // its state from then on hold none (before: the decision's end dates stayed, as if they ran);
  // on an earlier day the register still reads the decision's own state, with its dates.
  if (data.outcome === 'annulled') {
    await tx.query(
      'UPDATE discipline_records SET annulled_on = $2, revised_by_ref = $3, revised_on = $2, updated_sequence = $4, in_effect_until = NULL, bar_ends_on = NULL WHERE case_id = $1',
      [data.caseId, data.revisedOn, data.decisionRef, sequence],
    );
  } else {
    // A revision recorded before a changed form carried its validity keeps the decision's.
    await tx.query(
      'UPDATE discipline_records SET form = $2, bar_ends_on = $3, revised_by_ref = $4, revised_on = $8, updated_sequence = $5, in_effect_until = CASE WHEN $6::boolean THEN $7::date ELSE in_effect_until END WHERE case_id = $1',
      [
        data.caseId,
        data.form,
        data.barEndsOn ?? null,
        data.decisionRef,
        sequence,
        'inEffectUntil' in data,
        data.inEffectUntil ?? null,
        data.revisedOn,
      ],
    );
  }
  await stateAfterRevision(tx, event, sequence);
}

/**
 * The inspectors' register: each discipline decision on a person's record, as revised by reviews,
 * with its validity and its bar apart, and the other track's decision on the same violation.
 */
export const disciplineRegisterProjection: Projection = {
  name: 'discipline_register',
  // 6: an annulled decision's row and its state from the annulment on hold no validity or bar end.
  // 7: each state keeps when it was recorded, so the register as of a moment counts only those
  // recorded within it (before: only the moment's day).
  // 8: a civil-service row says whether the case ran the person as a cadre or a civil servant
  // (before: every one read «Công chức», a cán bộ's too).
  version: 8,
  tables: ['discipline_records', 'discipline_record_forms', 'discipline_case_service_statuses'],
  handles,
  async handle(event, tx, { sequence }) {
    if (!handles(event)) return;
    const data = event.data as Data;
    if (civilServiceOpening(event)) {
      await keepServiceStatus(tx, data);
    } else if (event.type === 'DisciplineRecorded') {
      // A civil-service decision recorded before it carried the status: as the case's opening said;
      // an imported one, whose case was never opened here: as its «Khối» names it (one imported
      // before «Công chức» named a status has none, read as a civil servant's).
      await tx.query(
        `INSERT INTO discipline_records (case_id, person_id, org_unit_id, track, form, violation_category, decided_on, effective_from, bar_ends_on, decision_ref, rule_set, updated_sequence, in_effect_until, same_violation_case_id, service_status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,
                 CASE WHEN $4::text = 'civil_service' THEN COALESCE($15::text, (SELECT service_status FROM discipline_case_service_statuses WHERE case_id = $1)) END)
         ON CONFLICT (case_id) DO UPDATE SET form = EXCLUDED.form, bar_ends_on = EXCLUDED.bar_ends_on, decision_ref = EXCLUDED.decision_ref, updated_sequence = EXCLUDED.updated_sequence,
           in_effect_until = EXCLUDED.in_effect_until, same_violation_case_id = COALESCE(EXCLUDED.same_violation_case_id, discipline_records.same_violation_case_id),
           service_status = EXCLUDED.service_status`,
        [
          data.caseId,
          data.personId,
          data.orgUnitId,
          data.track,
          data.form,
          data.violationCategory,
          data.decidedOn,
          data.effectiveFrom,
          data.barEndsOn ?? null,
          data.decisionRef,
          data.ruleSetId,
          sequence,
          inEffectUntil(data),
          data.sameViolationCaseId ?? null,
          data.serviceStatus ?? null,
        ],
      );
      // A decision recorded again restates it: its form stands from its day, as the row says.
      await tx.query('DELETE FROM discipline_record_forms WHERE case_id = $1', [data.caseId]);
      await stateSince(
        tx,
        event,
        {
          since: data.decidedOn,
          form: data.form,
          inEffectUntil: inEffectUntil(data),
          barEndsOn: data.barEndsOn ?? null,
          revisedByRef: null,
        },
        sequence,
      );
      // The earlier decision names the later one too, so either row leads to the other.
      if (data.sameViolationCaseId)
        await tx.query(
          'UPDATE discipline_records SET same_violation_case_id = $2 WHERE case_id = $1 AND person_id = $3',
          [data.sameViolationCaseId, data.caseId, data.personId],
        );
    } else if (event.type === 'DisciplineRevised') {
      await applyRevision(tx, event, sequence);
    }
  },
};
