import { RuleSet, ruleCitation } from '../../workflow/rule-sets/rule-set';
import { refuse } from '../../workflow/step-engine';
import { valueOr } from './discipline.rules';

const BY_COUNCIL = 'discipline.formsByElectingCouncil';

/** The electing council's resolution a recall rests on (nghị quyết bãi nhiệm of the HĐND). */
export interface CouncilResolution {
  number: string;
  adoptedOn: string;
}

/**
 * A form the rule set leaves to the council that elected the person (`discipline.formsByElectingCouncil`:
 * recall, bãi nhiệm, Luật Tổ chức chính quyền địa phương 2025 art. 37) is not the deciding
 * authority's to impose: the decision records the council's resolution, adopted on or before the
 * decision and not after today; without it a people's committee chairman would have recalled a
 * council's elected cadre. Other forms take no resolution. Returns the resolution to record.
 */
export function councilResolutionFor(
  ruleSet: RuleSet,
  body: { form: string; heldOn: string; councilResolution?: CouncilResolution },
  today: string,
): CouncilResolution | undefined {
  const byCouncil = valueOr<string[]>(ruleSet, BY_COUNCIL, []).includes(body.form);
  const resolution = body.councilResolution;
  if (!byCouncil) {
    if (resolution)
      refuse(
        'discipline.council_resolution_not_needed',
        `councilResolution: ${body.form} is decided by the competent authority, not by the electing council's resolution; leave councilResolution out`,
        'unprocessable',
        'councilResolution',
      );
    return undefined;
  }
  if (!resolution)
    refuse(
      'discipline.decided_by_electing_council',
      `councilResolution: ${body.form}${body.form === 'recall' ? ' (bãi nhiệm)' : ''} is decided by the council that elected the person, not by the signer of this decision; give the council's resolution (number, adoptedOn) the decision carries out (${ruleCitation(ruleSet, BY_COUNCIL)})`,
      'unprocessable',
      'councilResolution',
    );
  if (resolution.adoptedOn > body.heldOn)
    refuse(
      'discipline.council_resolution_after_decision',
      `councilResolution.adoptedOn: ${resolution.adoptedOn} is after the decision of ${body.heldOn}; the decision carries out a resolution already adopted`,
      'invalid',
      'councilResolution.adoptedOn',
    );
  if (resolution.adoptedOn > today)
    refuse(
      'field.in_the_future',
      `councilResolution.adoptedOn: ${resolution.adoptedOn} is after today (${today})`,
      'invalid',
      'councilResolution.adoptedOn',
    );
  return { number: resolution.number, adoptedOn: resolution.adoptedOn };
}
