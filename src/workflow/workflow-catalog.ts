import * as path from 'node:path';
import { loadCalendar, WorkingDayCalendar } from './calendar/working-day-calendar';
import { loadDefinitions } from './definitions/definition-loader';
import { ProcedureDefinition, ruleTrackOf } from './definitions/procedure-definition';
import { DefinitionFileError } from './definition-error';
import { loadRuleSets } from './rule-sets/rule-set-loader';
import { RuleSet, ruleSetInForce, RuleTrack } from './rule-sets/rule-set';

export const WORKFLOW_CATALOG = Symbol('WORKFLOW_CATALOG');

/** The versioned data the engine runs on: procedure definitions, rule sets, the working-day calendar. */
export class WorkflowCatalog {
  constructor(
    readonly definitions: Map<string, ProcedureDefinition>,
    readonly ruleSets: RuleSet[],
    readonly calendar: WorkingDayCalendar,
  ) {}

  static load(
    dirs: { definitions: string; ruleSets: string; calendar: string },
    root = process.cwd(),
  ): WorkflowCatalog {
    const resolve = (dir: string) => path.resolve(root, dir);
    const catalog = new WorkflowCatalog(
      loadDefinitions(resolve(dirs.definitions)),
      loadRuleSets(resolve(dirs.ruleSets)),
      loadCalendar(resolve(dirs.calendar)),
    );
    catalog.checkParameters(resolve(dirs.definitions));
    return catalog;
  }

  /** A definition's vote rules must name parameters every rule set has; checked once at start. */
  private checkParameters(dir: string): void {
    for (const [key, definition] of this.definitions) {
      definition.steps.forEach((step, index) => {
        for (const param of [step.voteRule?.quorumParam, step.voteRule?.passParam]) {
          if (!param) continue;
          const track = ruleTrackOf(definition);
          // A case pins the set in force on its opening day, never one that ended before the
          // definition came into force (an election nomination, from 8 Oct 2025, pins no 2022 set).
          const missing = this.ruleSets.find(
            (set) =>
              (set.track ?? track) === track &&
              !(
                definition.inForceFrom &&
                set.effectiveTo &&
                set.effectiveTo < definition.inForceFrom
              ) &&
              !set.params[param],
          );
          if (missing)
            throw new DefinitionFileError(
              path.join(dir, `${key}.json`),
              `steps[${index}].voteRule`,
              `rule set ${missing.id} has no parameter "${param}"`,
            );
        }
      });
    }
  }

  definition(key: string): ProcedureDefinition | undefined {
    return this.definitions.get(key);
  }

  /** The newest version of a definition id, or the exact `id@version`. */
  resolveDefinition(idOrKey: string): ProcedureDefinition | undefined {
    if (idOrKey.includes('@')) return this.definitions.get(idOrKey);
    return [...this.definitions.values()]
      .filter((d) => d.id === idOrKey)
      .sort((a, b) => b.version - a.version)[0];
  }

  /**
   * The version a case opened on `day` takes: the exact `id@version` if it was in force then
   * (else undefined), or the newest version of the id in force on that day.
   */
  resolveDefinitionOn(idOrKey: string, day: string): ProcedureDefinition | undefined {
    const inForce = (d: ProcedureDefinition) => !d.inForceFrom || d.inForceFrom <= day;
    if (idOrKey.includes('@')) {
      const exact = this.definitions.get(idOrKey);
      return exact && inForce(exact) ? exact : undefined;
    }
    return [...this.definitions.values()]
      .filter((d) => d.id === idOrKey && inForce(d))
      .sort((a, b) => b.version - a.version)[0];
  }

  /**
   * The newer version of the same procedure in force on `day` that replaces `definition` for a case
   * opened then (its newest), or undefined while `definition` is still the one in force.
   */
  supersedingOn(definition: ProcedureDefinition, day: string): ProcedureDefinition | undefined {
    const newest = this.resolveDefinitionOn(definition.id, day);
    return newest && newest.version > definition.version ? newest : undefined;
  }

  ruleSet(id: string): RuleSet | undefined {
    return this.ruleSets.find((set) => set.id === id);
  }

  /** The set a case opened on `day` pins: what was in force then on the definition's track. */
  ruleSetFor(definition: ProcedureDefinition, day: string): RuleSet | undefined {
    return this.ruleSetOn(day, ruleTrackOf(definition));
  }

  ruleSetOn(day: string, track: RuleTrack): RuleSet | undefined {
    return ruleSetInForce(this.ruleSets, day, track);
  }
}
