import { Transform } from 'class-transformer';
import { IsInt, Max, Min, ValidateIf } from 'class-validator';

/** The longest delay Node's timers keep; a longer one overflows and fires after 1 ms. */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * A timer's interval in milliseconds: 0 (off) or `min` to the longest delay a Node timer keeps,
 * `fallback` when unset or empty; its refusals name the variable and the range.
 */
export function IntervalOrOff(name: string, min: number, fallback: number): PropertyDecorator {
  const range = {
    message: `${name} must be 0 (off) or between ${min} and ${MAX_TIMER_MS} (milliseconds)`,
  };
  const decorators = [
    Transform(({ value }) => (value === undefined || value === '' ? fallback : Number(value))),
    ValidateIf((config: Record<string | symbol, unknown>, value: unknown) => value !== 0),
    IsInt({ message: `${name} must be a whole number` }),
    Min(min, range),
    Max(MAX_TIMER_MS, range),
  ];
  // Applied last to first, as TypeScript applies stacked decorators (see WholeNumberBetween).
  return (target, property) => {
    for (const decorate of [...decorators].reverse()) decorate(target, property);
  };
}
