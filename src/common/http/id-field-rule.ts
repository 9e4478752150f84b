import { plainToInstance } from 'class-transformer';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage, validateSync, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { TransformationType } from 'class-transformer';

/** Whether a DTO field's own rules take a text sent alone in it (the other fields left unchecked). */
export type IdFieldRule = (value: string) => boolean;

type DtoClass = new () => object;

/**
 * Each DTO class's field rules, derived once: the scope check reads the ids of every opening
 * (`POST /cases`, issue 21) before the body is validated, and a class-validator run per id
 * field, each planning the class's metadata again, cost as much as the body's own check.
 */
const RULES = new WeakMap<DtoClass, Map<string, IdFieldRule>>();

/** The rule of one field of a DTO class, derived on first use and kept for the class. */
export function idFieldRule(dtoClass: DtoClass, field: string): IdFieldRule {
  let rules = RULES.get(dtoClass);
  if (!rules) RULES.set(dtoClass, (rules = new Map()));
  let rule = rules.get(field);
  if (!rule) rules.set(field, (rule = derivedRule(dtoClass, field)));
  return rule;
}

/** The kinds of metadata the derived rule answers as class-validator does; any other falls back. */
const READ_HERE: ReadonlySet<string> = new Set([
  ValidationTypes.CUSTOM_VALIDATION,
  ValidationTypes.CONDITIONAL_VALIDATION,
  ValidationTypes.IS_DEFINED,
  ValidationTypes.WHITELIST,
]);

/**
 * The field's rule as `validateSync(plainToInstance(dtoClass, { [field]: value }),
 * { skipMissingProperties: true, stopAtFirstError: true })` judges a text: its conditions
 * (`ValidateIf`, `IsOptional`) all asked, then its defined checks, then its own checks in
 * declaration order, async ones skipped (as `validateSync` does). A field a transform, type or
 * nesting touches is judged by that run itself, each time: exact before fast.
 */
function derivedRule(dtoClass: DtoClass, field: string): IdFieldRule {
  const metadatas = getMetadataStorage()
    .getTargetValidationMetadatas(dtoClass, undefined as unknown as string, false, false)
    .filter((metadata) => metadata.propertyName === field);
  if (transformed(dtoClass, field) || metadatas.some(({ type }) => !READ_HERE.has(type)))
    return (value) => takenByClassValidator(dtoClass, field, value);
  const conditions = metadatas.filter(
    ({ type }) => type === ValidationTypes.CONDITIONAL_VALIDATION,
  );
  const checks = [
    ...metadatas.filter(({ type }) => type === ValidationTypes.IS_DEFINED),
    ...metadatas.filter(({ type }) => type === ValidationTypes.CUSTOM_VALIDATION),
  ].flatMap((metadata) => validatorsOf(metadata, dtoClass.name));
  return (value) => {
    const alone = Object.assign(new dtoClass(), { [field]: value });
    // Every condition is asked, as class-validator does (not stopping at the first false); a
    // field one of them turns off is not checked, so it takes anything.
    const answers: unknown[] = conditions.map(({ constraints }) =>
      (constraints[0] as (o: object, v: unknown) => boolean)(alone, value),
    );
    return !answers.every(Boolean) || checks.every((check) => check(alone, value));
  };
}

type Check = (object: object, value: string) => boolean;

/** One metadata's validators, each answering as `validateSync` counts it (a promise is not an error). */
function validatorsOf(metadata: ValidationMetadata, targetName: string): Check[] {
  return getMetadataStorage()
    .getTargetValidatorConstraints(metadata.constraintCls)
    .filter((constraint) => !constraint.async)
    .map((constraint) => (object, value) => {
      if (metadata.validateIf && !metadata.validateIf(object, value)) return true;
      const answer: unknown = constraint.instance.validate(value, {
        targetName,
        property: metadata.propertyName,
        object,
        value,
        constraints: metadata.constraints,
      });
      return answer instanceof Promise || Boolean(answer);
    });
}

/** Whether class-transformer does anything to the field but copy it. */
function transformed(dtoClass: DtoClass, field: string): boolean {
  return (
    defaultMetadataStorage.findTransformMetadatas(
      dtoClass,
      field,
      TransformationType.PLAIN_TO_CLASS,
    ).length > 0 ||
    defaultMetadataStorage.findTypeMetadata(dtoClass, field) !== undefined ||
    defaultMetadataStorage.findExposeMetadata(dtoClass, field) !== undefined ||
    defaultMetadataStorage.findExcludeMetadata(dtoClass, field) !== undefined
  );
}

/** The reference answer: class-validator run on the field sent alone. */
export function takenByClassValidator(dtoClass: DtoClass, field: string, value: string): boolean {
  const alone = plainToInstance(dtoClass, { [field]: value });
  const errors = validateSync(alone, { skipMissingProperties: true, stopAtFirstError: true });
  return !errors.some((error) => error.property === field);
}
