import { SelectHTMLAttributes } from 'react';

/** One of a list: each choice's value and what the reader sees; `empty` adds a choice of none. */
export function ChoiceSelect({
  value,
  onChoose,
  choices,
  empty,
  ...rest
}: {
  value: string;
  onChoose: (value: string) => void;
  choices: readonly { value: string; label: string }[];
  empty?: string;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'>) {
  return (
    <select value={value} onChange={(e) => onChoose(e.target.value)} {...rest}>
      {empty !== undefined && <option value="">{empty}</option>}
      {choices.map((choice) => (
        <option key={choice.value} value={choice.value}>
          {choice.label}
        </option>
      ))}
    </select>
  );
}
