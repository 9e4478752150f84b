import { PersonStatusPeriod } from '../../cadres/person/person.state';
import { statusPeriodCovers } from '../../cadres/person/status-period-covers';
import { RuleSet, ruleCitation, ruleValue } from '../../workflow/rule-sets/rule-set';
import { refuse } from '../../workflow/step-engine';
import { DisciplineContext } from './discipline.context';
import { AFTER_LEAVING, trackForms } from './discipline.rules';
import { DisciplineTrack, LeftService } from './discipline.events';

/** The record's statuses that put a person out of the service: retired, or left it. */
const OUT_OF_SERVICE: readonly string[] = ['retired', 'left_service'];

/**
 * Whether the violation was found after the person left the service or retired (Luật Cán bộ, công
 * chức 2025 art. 43(3)(c): "sau khi nghỉ việc hoặc nghỉ hưu mới phát hiện"): a retired or
 * left_service period on the record covers the detection day. Only the state track, and only
 * under a rule set that names the forms after leaving; null otherwise.
 */
export function leftServiceOn(
  ruleSet: RuleSet,
  track: DisciplineTrack,
  statuses: readonly PersonStatusPeriod[],
  detectedOn: string,
): LeftService | null {
  if (track !== 'civil_service' || !ruleSet.params[AFTER_LEAVING]) return null;
  const period = statuses.find(
    (s) => OUT_OF_SERVICE.includes(s.status) && statusPeriodCovers(s, detectedOn),
  );
  return period ? { status: period.status as LeftService['status'], from: period.from } : null;
}

/**
 * A form the case may not use although the rule set names it: a form for those who left given to
 * one serving, or a serving form given to one who left. Other unknown forms are the caller's.
 */
export function refuseFormByService(
  ruleSet: RuleSet,
  form: string,
  state: { personId: string; leftService?: LeftService | null },
  field: string,
): void {
  if (!ruleSet.params[AFTER_LEAVING]) return;
  const afterLeaving = ruleValue<string[]>(ruleSet, AFTER_LEAVING);
  const citation = ruleCitation(ruleSet, AFTER_LEAVING);
  const serving = ruleValue<Record<string, string[]>>(ruleSet, 'discipline.forms').civil_service;
  if (!state.leftService && afterLeaving.includes(form) && !serving.includes(form))
    refuse(
      'discipline.form_after_leaving_service_only',
      `${field}: ${form} (xóa tư cách chức vụ đã đảm nhiệm) is for one who left the service or retired, and the record shows no retired or left_service period of ${state.personId} on the detection day (${citation})`,
      'unprocessable',
      field,
    );
  if (state.leftService && !afterLeaving.includes(form))
    refuse(
      'discipline.form_not_after_leaving_service',
      `${field}: ${state.personId} left the service (${state.leftService.status} from ${state.leftService.from}); the forms for a violation found after leaving are ${afterLeaving.join(', ')}, not ${form} (${citation})`,
      'unprocessable',
      field,
    );
}

/**
 * Whether the person had left the service or retired on the detection day, and the severity typed
 * in checked against the forms that leaves them (or that serving leaves them).
 */
export function leftServiceAtOpening(
  command: { data: { personId: string; violation: { severity?: string } } },
  track: { track: DisciplineTrack },
  { ruleSet, personStatuses }: DisciplineContext,
  detectedOn: string,
): LeftService | null {
  const { violation, personId } = command.data;
  const leftService = leftServiceOn(ruleSet, track.track, personStatuses, detectedOn);
  if (violation.severity === undefined) return leftService;
  refuseFormByService(ruleSet, violation.severity, { personId, leftService }, 'violation.severity');
  const forms = trackForms(ruleSet, track.track, leftService);
  if (!forms.includes(violation.severity))
    refuse(
      'discipline.unknown_form',
      `violation.severity: "${violation.severity}" is not a ${track.track} form under ${ruleSet.id} (${forms.join(', ')})`,
      'invalid',
      'violation.severity',
    );
  return leftService;
}
