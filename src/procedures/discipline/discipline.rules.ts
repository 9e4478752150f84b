import { RuleSet, ruleCitation, ruleValue } from '../../workflow/rule-sets/rule-set';
import { addMonths } from '../../workflow/rules/retirement';
import { refuse } from '../../workflow/step-engine';
import { DisciplineTrack } from './discipline.events';

/** The forms of discipline a track may apply under the case's rule set, lightest first. */
export function trackForms(ruleSet: RuleSet, track: DisciplineTrack): string[] {
  return ruleValue<Record<DisciplineTrack, string[]>>(ruleSet, 'discipline.forms')[track];
}

/** How long a form bars a higher post, by the case's rule set. */
export function disciplineBar(
  ruleSet: RuleSet,
  form: string,
  effectiveFrom: string,
  relievedFromPost = false,
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
 * Forms the rule set keeps for elected cadres (`discipline.electedCadreOnlyForms`: recall, bãi
 * nhiệm) are refused for a case about a cadre who was not elected.
 */
export function refuseFormForElectedOnly(
  ruleSet: RuleSet,
  form: string,
  state: { electedCadre: boolean },
  field: string,
): void {
  if (state.electedCadre) return;
  if (!ruleValue<string[]>(ruleSet, 'discipline.electedCadreOnlyForms').includes(form)) return;
  refuse(
    `discipline.${form}_needs_elected_cadre`,
    `${field}: ${form}${form === 'recall' ? ' (bãi nhiệm)' : ''} applies only to elected cadres (${ruleCitation(ruleSet, 'discipline.electedCadreOnlyForms')})`,
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
