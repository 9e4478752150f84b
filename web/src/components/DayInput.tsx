import { InputHTMLAttributes } from 'react';

/** A day typed as dd/mm/yyyy (the form keeps the text; dates.parseDay turns it into YYYY-MM-DD). */
export function DayInput(props: Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>) {
  return (
    <input
      type="text"
      inputMode="numeric"
      placeholder="dd/mm/yyyy"
      pattern="\d{1,2}/\d{1,2}/\d{4}"
      autoComplete="off"
      {...props}
    />
  );
}
