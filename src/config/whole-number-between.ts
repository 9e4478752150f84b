import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/**
 * A whole-number setting from `min` to `max`, `fallback` when unset or empty; its refusals name
 * the variable and the range ("PORT must be between 1 and 65535").
 */
export function WholeNumberBetween(
  name: string,
  min: number,
  max: number,
  fallback: number,
): PropertyDecorator {
  const range = { message: `${name} must be between ${min} and ${max}` };
  const decorators = [
    Transform(({ value }) => (value === undefined || value === '' ? fallback : Number(value))),
    IsInt({ message: `${name} must be a whole number` }),
    Min(min, range),
    Max(max, range),
  ];
  // Applied last to first, as TypeScript applies stacked decorators: the whole-number refusal
  // comes before the range's.
  return (target, property) => {
    for (const decorate of [...decorators].reverse()) decorate(target, property);
  };
}
