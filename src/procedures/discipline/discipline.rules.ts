import { RuleSet, ruleCitation, ruleValue } from '../../workflow/rule-sets/rule-set';
import { addMonths } from '../../workflow/rules/retirement';
import { refuse } from '../../workflow/step-engine';
import { WiderBarScope } from '../../cadres/discipline-bar-scope';
import { barScopeOf } from './bar-scope.rules';
import { DisciplineTrack, LeftService, ServiceStatus } from './discipline.events';

/** The forms for a violation found after the person left the service (Luật 80/2025 art. 43(3)(c)). */
export const AFTER_LEAVING = 'discipline.formsAfterLeavingService';

/**
 * The forms of discipline a track may apply under the case's rule set, lightest first: for one who
 * left the service or retired, those the rule set names for them (Luật 80/2025 art. 43(3)(c)).
 */
export function trackForms(
  ruleSet: RuleSet,
  track: DisciplineTrack,
  leftService?: LeftService | null,
): string[] {
  if (leftService && ruleSet.params[AFTER_LEAVING])
    return ruleValue<string[]>(ruleSet, AFTER_LEAVING);
  return ruleValue<Record<DisciplineTrack, string[]>>(ruleSet, 'discipline.forms')[track];
}

/**
 * The statuses that defer a decision (chưa xem xét kỷ luật) on the case's track: a composed set
 * holds its track's list; the whole set vn-2022, which serves both tracks, holds one per track
 * (Nghị định 112/2020 defers during leave, Quy định 69-QĐ/TW does not).
 */
export function trackDeferralStatuses(ruleSet: RuleSet, track: DisciplineTrack): string[] {
  const value = ruleValue<string[] | Record<DisciplineTrack, string[]>>(
    ruleSet,
    'discipline.deferralStatuses',
  );
  return Array.isArray(value) ? value : value[track];
}

/**
 * How long a form bars a higher post, by the case's rule set, and which other posts it bars
 * meanwhile (`barScope`: an equivalent one, or any appointment).
 */
export function disciplineBar(
  ruleSet: RuleSet,
  form: string,
  effectiveFrom: string,
  relievedFromPost = false,
): { barEndsOn: string | null; barRule: string; barScope?: WiderBarScope; barScopeRule?: string } {
  const period = barPeriod(ruleSet, form, effectiveFrom, relievedFromPost);
  return { ...period, ...barScopeOf(ruleSet, form, effectiveFrom, period.barEndsOn) };
}

function barPeriod(
  ruleSet: RuleSet,
  form: string,
  effectiveFrom: string,
  relievedFromPost: boolean,
): { barEndsOn: string | null; barRule: string } {
  const relieved = relievedFromPost ? barIfRelieved(ruleSet, form, effectiveFrom) : undefined;
  if (relieved) return relieved;
  const months = ruleValue<Record<string, number>>(ruleSet, 'discipline.barMonths')[form];
  if (months !== undefined) {
    return {
      barEndsOn: addMonths(effectiveFrom, months),
      barRule: `${form}: no higher post for ${months} months (${ruleSet.id}: ${ruleCitation(ruleSet, 'discipline.barMonths')})`,
    };
  }
  if (ruleValue<string[]>(ruleSet, 'discipline.formsWithoutEnd').includes(form)) {
    return {
      barEndsOn: null,
      barRule: `${form}: no end date (${ruleCitation(ruleSet, 'discipline.formsWithoutEnd')})`,
    };
  }
  return {
    barEndsOn: effectiveFrom,
    barRule: `${form}: the rule set ${ruleSet.id} sets no bar on higher posts for this form`,
  };
}

/** A parameter that rule sets pinned before Dec 2026 may lack: its fallback then. */
export function valueOr<T>(ruleSet: RuleSet, name: string, fallback: T): T {
  return ruleSet.params[name] ? ruleValue<T>(ruleSet, name) : fallback;
}

const RELIEF = 'discipline.barIfRelievedFromPost';

/**
 * A form that came with relief from post (miễn nhiệm, cho thôi giữ chức vụ) may bar differently
 * (Quy định 377-QĐ/TW: its 36 months are for a warning without relief); null: no end date.
 */
function barIfRelieved(
  ruleSet: RuleSet,
  form: string,
  effectiveFrom: string,
): { barEndsOn: string | null; barRule: string } | undefined {
  if (!ruleSet.params[RELIEF]) return undefined;
  const byForm = ruleValue<Record<string, number | null>>(ruleSet, RELIEF);
  if (!(form in byForm)) return undefined;
  const months = byForm[form];
  return {
    barEndsOn: months === null ? null : addMonths(effectiveFrom, months),
    barRule: `${form} with relief from post: ${months === null ? 'no date after which a higher post is open again' : `${months} months`} (${ruleSet.id}: ${ruleCitation(ruleSet, RELIEF)})`,
  };
}

/**
 * Forms by status: those the rule set keeps for elected cadres (`discipline.electedCadreOnlyForms`:
 * recall, bãi nhiệm) are refused for anyone but an elected cadre run as a cadre (a case run as a
 * civil servant, as cases opened before Dec 2026 could be, has a council that cannot recall), those
 * it keeps for civil servants (`discipline.civilServantOnlyForms`: dismissal, buộc thôi việc) for a cadre.
 */
export function refuseFormForStatus(
  ruleSet: RuleSet,
  form: string,
  state: { electedCadre: boolean; serviceStatus: ServiceStatus; personId: string },
  field: string,
  postsHeld?: readonly string[],
): void {
  // Removal from post (cách chức) takes away a post: it needs one (Luật Cán bộ, công chức art. 79,
  // Điều lệ Đảng art. 35: forms for one who holds a post; the articles' text was not read here).
  if (form === 'removal_from_post' && postsHeld && postsHeld.length === 0)
    refuse(
      'discipline.removal_without_post',
      `${field}: removal_from_post (cách chức) removes a person from a post, and ${state.personId} holds none`,
      'unprocessable',
      field,
    );
  if (
    !(state.electedCadre && state.serviceStatus === 'cadre') &&
    ruleValue<string[]>(ruleSet, 'discipline.electedCadreOnlyForms').includes(form)
  )
    refuse(
      `discipline.${form}_needs_elected_cadre`,
      `${field}: ${form}${form === 'recall' ? ' (bãi nhiệm)' : ''} applies only to elected cadres${state.electedCadre ? `, and this case runs ${state.personId} as a ${state.serviceStatus.replace('_', ' ')}` : ''} (${ruleCitation(ruleSet, 'discipline.electedCadreOnlyForms')})`,
      'unprocessable',
      field,
    );
  if (
    state.serviceStatus !== 'civil_servant' &&
    valueOr<string[]>(ruleSet, 'discipline.civilServantOnlyForms', []).includes(form)
  )
    refuse(
      `discipline.${form}_needs_civil_servant`,
      `${field}: ${form}${form === 'dismissal' ? ' (buộc thôi việc)' : ''} applies only to civil servants, not to a ${state.serviceStatus} (${ruleCitation(ruleSet, 'discipline.civilServantOnlyForms')})`,
      'unprocessable',
      field,
    );
}

/**
 * Whether the form ends the post the person holds (`discipline.formsEndingPost`: removal, and
 * the forms that end the service or the membership), with the rule for the record.
 */
export function postEffect(
  ruleSet: RuleSet,
  form: string,
): { endsPost: boolean; endsPostRule: string } {
  const endsPost = ruleValue<string[]>(ruleSet, 'discipline.formsEndingPost').includes(form);
  return {
    endsPost,
    endsPostRule: `${form}: ${endsPost ? 'ends the post' : 'the post stays'} (${ruleSet.id}: ${ruleCitation(ruleSet, 'discipline.formsEndingPost')})`,
  };
}
