import { isCalendarDate } from '../../common/input/calendar-date';
import { POST_FILLED_BY } from '../../cadres/post-filled-by';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROLES } from '../../identity/actor';
import { DefinitionFileError } from '../definition-error';
import {
  definitionKey,
  OPENING_CHECKS,
  ProcedureDefinition,
  STEP_KINDS,
  VETTING_ITEMS,
} from './procedure-definition';

const PROCEDURES = [
  'appointment',
  'reappointment',
  'rotation',
  'transfer',
  'discipline',
  'removal',
  'extension',
  'approval_in_principle',
  'consultation',
  'election',
];

function fail(file: string, field: string, problem: string): never {
  throw new DefinitionFileError(file, field, problem);
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** A step's actors, or who may correct a step: known roles and a scope. */
function validateActors(file: string, at: string, raw: unknown): void {
  const actors = raw as Record<string, unknown> | undefined;
  if (!actors || !isStringList(actors.roles) || actors.roles.length === 0)
    fail(file, `${at}.roles`, 'must list at least one role');
  for (const role of actors.roles as string[])
    if (!ROLES.includes(role as never)) fail(file, `${at}.roles`, `unknown role "${role}"`);
  if (actors.scope !== 'case-unit' && actors.scope !== 'any')
    fail(file, `${at}.scope`, 'must be "case-unit" or "any"');
}

/** The definition's own fields: id, version, procedure, titles, citation and its flags. */
function validateHeader(file: string, def: Record<string, unknown>): void {
  if (typeof def.id !== 'string' || !/^[a-z]+(\.[a-z-]+)+$/.test(def.id))
    fail(file, 'id', 'must look like "appointment.internal"');
  if (!Number.isInteger(def.version) || (def.version as number) < 1)
    fail(file, 'version', 'must be a whole number ≥ 1');
  if (!PROCEDURES.includes(def.procedure as string))
    fail(file, 'procedure', `must be one of ${PROCEDURES.join(', ')}`);
  for (const field of ['title', 'titleVi', 'citation']) {
    if (typeof def[field] !== 'string' || def[field] === '') fail(file, field, 'is required');
  }
  if (def.inForceFrom !== undefined && !isCalendarDate(def.inForceFrom))
    fail(file, 'inForceFrom', 'must be a day YYYY-MM-DD');
  if (def.fillsPost !== undefined && typeof def.fillsPost !== 'boolean')
    fail(file, 'fillsPost', 'must be true or false');
  if (typeof def.separateTallyAndDecision !== 'boolean')
    fail(file, 'separateTallyAndDecision', 'must be true or false');
  if (
    def.openingChecks !== undefined &&
    (!isStringList(def.openingChecks) ||
      def.openingChecks.some((check) => !OPENING_CHECKS.includes(check as never)))
  )
    fail(file, 'openingChecks', `must list checks among ${OPENING_CHECKS.join(', ')}`);
  if (
    def.groundKinds !== undefined &&
    (!isStringList(def.groundKinds) || def.groundKinds.length === 0)
  )
    fail(file, 'groundKinds', 'must list at least one kind of ground');
  if (def.groundKinds !== undefined && typeof def.groundKindsCitation !== 'string')
    fail(file, 'groundKindsCitation', 'is required with groundKinds: where the list comes from');
  for (const flag of ['decisionGivesReappointmentNotice', 'withdrawnWhenPostEnds'])
    if (def[flag] !== undefined && typeof def[flag] !== 'boolean')
      fail(file, flag, 'must be true or false');
  validateOtherRoutes(file, def);
  // A transfer (điều động) names none: no instrument read sets a least period for it.
  const minDuration = def.minDurationParam;
  if (minDuration !== undefined && (typeof minDuration !== 'string' || minDuration === ''))
    fail(
      file,
      'minDurationParam',
      'must name the rule-set parameter of the least planned duration',
    );
}

/** The routes an opening names when it refuses a post: each a non-empty text. */
function validateOtherRoutes(file: string, def: Record<string, unknown>): void {
  const text = (value: unknown) => typeof value === 'string' && value !== '';
  const otherwise = def.postsFilledOtherwise as Record<string, Record<string, unknown>> | undefined;
  for (const [filledBy, route] of Object.entries(otherwise ?? {})) {
    if (!POST_FILLED_BY.includes(filledBy as never))
      fail(file, `postsFilledOtherwise.${filledBy}`, `must be one of ${POST_FILLED_BY.join(', ')}`);
    if (!text(route?.route) || !text(route?.instead))
      fail(file, `postsFilledOtherwise.${filledBy}`, 'must give the route and what to do instead');
  }
  const held = def.postAlreadyHeld as Record<string, unknown> | undefined;
  if (held !== undefined && !text(held?.route))
    fail(file, 'postAlreadyHeld.route', 'must name the route for a post already held');
}

/** Checks a parsed definition; the first problem names the file and the field path. */
export function validateDefinition(file: string, raw: unknown): ProcedureDefinition {
  if (typeof raw !== 'object' || raw === null) fail(file, '(root)', 'must be a JSON object');
  const def = raw as Record<string, unknown>;
  validateHeader(file, def);
  if (!Array.isArray(def.steps) || def.steps.length === 0)
    fail(file, 'steps', 'must list at least one step');
  if (def.corrections !== undefined) validateActors(file, 'corrections', def.corrections);
  const ids = new Set<string>();
  def.steps.forEach((rawStep: unknown, index: number) =>
    validateStep(file, `steps[${index}]`, rawStep as Record<string, unknown>, ids),
  );
  if (def.procedure === 'discipline') validateDisciplineTrack(file, def);
  const last = (def.steps as { kind: string }[]).at(-1);
  if (last?.kind !== 'decision')
    fail(file, `steps[${def.steps.length - 1}].kind`, 'the last step must be the decision');
  return def as unknown as ProcedureDefinition;
}

/** One step at `at`: its id (unique among `ids`, which it joins), kind, titles, actors and kind's own fields. */
function validateStep(
  file: string,
  at: string,
  step: Record<string, unknown>,
  ids: Set<string>,
): void {
  if (typeof step?.id !== 'string' || !/^[a-z0-9-]+$/.test(step.id))
    fail(file, `${at}.id`, 'must be a kebab-case id');
  if (ids.has(step.id)) fail(file, `${at}.id`, `duplicate step id ${step.id}`);
  ids.add(step.id);
  if (!STEP_KINDS.includes(step.kind as never))
    fail(file, `${at}.kind`, `must be one of ${STEP_KINDS.join(', ')}`);
  for (const field of ['title', 'titleVi'])
    if (typeof step[field] !== 'string' || step[field] === '')
      fail(file, `${at}.${field}`, 'is required');
  validateActors(file, `${at}.actors`, step.actors);
  if (!isStringList(step.requiredFields))
    fail(file, `${at}.requiredFields`, 'must be a list of field names (may be empty)');
  if (step.kind === 'ballot' || step.kind === 'nomination' || step.kind === 'election')
    validateVoteRule(file, at, step);
  if (step.kind === 'scores') validateScoreRule(file, at, step);
  if (step.kind === 'vetting' || step.kind === 'registration') {
    if (!isStringList(step.vettingItems) || step.vettingItems.length === 0)
      fail(file, `${at}.vettingItems`, 'must list the items to check');
    for (const item of step.vettingItems)
      if (!VETTING_ITEMS.includes(item as never))
        fail(file, `${at}.vettingItems`, `unknown item "${item}"`);
  }
  if (step.deadline !== undefined) validateDeadline(file, at, step.deadline);
}

/** A scores step says who sees the board's scores before the result is announced. */
function validateScoreRule(file: string, at: string, step: Record<string, unknown>) {
  const rule = step.scoreRule as Record<string, unknown> | undefined;
  if (!rule) fail(file, `${at}.scoreRule`, 'is required for a scores step');
  if (typeof rule.announced !== 'boolean')
    fail(file, `${at}.scoreRule.announced`, 'must be true or false');
  if (!isStringList(rule.visibleTo)) fail(file, `${at}.scoreRule.visibleTo`, 'must list roles');
}

/** A ballot or nomination step's vote rule; its thresholds are rule-set parameter names. */
function validateVoteRule(file: string, at: string, step: Record<string, unknown>) {
  const rule = step.voteRule as Record<string, unknown> | undefined;
  if (!rule) fail(file, `${at}.voteRule`, `is required for a ${step.kind} step`);
  if (rule.base !== 'members' && rule.base !== 'summoned')
    fail(file, `${at}.voteRule.base`, 'must be "members" or "summoned"');
  for (const flag of ['headBreaksTie', 'announced'])
    if (typeof rule[flag] !== 'boolean')
      fail(file, `${at}.voteRule.${flag}`, 'must be true or false');
  if (rule.reference !== undefined && typeof rule.reference !== 'boolean')
    fail(file, `${at}.voteRule.reference`, 'must be true or false when given');
  if (!isStringList(rule.visibleTo)) fail(file, `${at}.voteRule.visibleTo`, 'must list roles');
  for (const param of ['quorumParam', 'passParam'])
    if (typeof rule[param] !== 'string')
      fail(file, `${at}.voteRule.${param}`, 'must name a rule-set parameter');
}

function validateDeadline(file: string, at: string, raw: unknown) {
  const deadline = raw as Record<string, unknown>;
  const ok = (v: unknown) => v === undefined || (Number.isInteger(v) && (v as number) > 0);
  if (
    !ok(deadline.workingDays) ||
    !ok(deadline.days) ||
    (deadline.workingDays === undefined) === (deadline.days === undefined)
  ) {
    fail(file, `${at}.deadline`, 'give exactly one of workingDays or days, a whole number > 0');
  }
}

function validateDisciplineTrack(file: string, def: Record<string, unknown>) {
  const track = def.discipline as Record<string, unknown> | undefined;
  if (!track || (track.track !== 'party' && track.track !== 'civil_service'))
    fail(file, 'discipline.track', 'must be "party" or "civil_service"');
  for (const flag of ['accumulateFromHeaviest', 'timeLimit'])
    if (typeof track[flag] !== 'boolean') fail(file, `discipline.${flag}`, 'must be true or false');
  if (track.councilRecommends !== undefined && typeof track.councilRecommends !== 'boolean')
    fail(file, 'discipline.councilRecommends', 'must be true or false');
  if (track.councilSteps !== undefined) {
    const ids = ((def.steps ?? []) as { id?: unknown }[]).map((step) => step.id);
    const council = track.councilSteps;
    if (!Array.isArray(council) || council.some((id) => !ids.includes(id)))
      fail(file, 'discipline.councilSteps', "must list ids of the definition's steps");
  }
}

/** Every definition file in a folder, keyed `id@version`. */
export function loadDefinitions(dir: string): Map<string, ProcedureDefinition> {
  const definitions = new Map<string, ProcedureDefinition>();
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    const file = path.join(dir, name);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      fail(file, '(file)', `not valid JSON: ${(error as Error).message}`);
    }
    const definition = validateDefinition(file, raw);
    const key = definitionKey(definition);
    if (`${key}.json` !== name) fail(file, 'id', `file name must be ${key}.json`);
    definitions.set(key, definition);
  }
  return definitions;
}
