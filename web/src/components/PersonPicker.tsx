import { ReactNode, useState } from 'react';
import { usePeopleSearch } from '../api/hooks';
import { PersonSummary } from '../api/types';
import { formatDay } from '../dates';

/**
 * Finding a person by name: a search box (`{id}-q`) and the people it finds (`{id}`), each with
 * their date of birth to tell namesakes apart. `value` is the person shown as picked; a picker
 * that adds to a list passes '' so that it is ready for the next one.
 */
export function PersonPicker({
  id,
  searchLabel,
  pickLabel,
  value,
  onPick,
  children,
  required,
  invalid,
  describedBy,
  picked,
}: {
  id: string;
  searchLabel: string;
  pickLabel: string;
  value: string;
  /** The person picked, or undefined when the empty choice is picked. */
  onPick: (person: PersonSummary | undefined) => void;
  /** Shown under the list (a hint). */
  children?: ReactNode;
  /** A form that cannot go without a person marks the list so, and flags it left empty. */
  required?: boolean;
  invalid?: boolean;
  describedBy?: string;
  /**
   * The person `value` names, listed by name even when the search has not found them (a filter
   * read from the page's address): without it the list would show «—» for a person picked.
   */
  picked?: PersonSummary;
}) {
  const [query, setQuery] = useState('');
  const people = usePeopleSearch(query);
  const found = people.data ?? [];
  const listed =
    picked && picked.id === value && !found.some((p) => p.id === picked.id)
      ? [picked, ...found]
      : found;
  return (
    <div className="row wrap">
      <div className="field">
        <label htmlFor={`${id}-q`}>{searchLabel}</label>
        <input
          id={`${id}-q`}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          autoComplete="off"
        />
      </div>
      <div className={`field${invalid ? ' has-error' : ''}`}>
        <label htmlFor={id}>{pickLabel}</label>
        <select
          id={id}
          aria-required={required || undefined}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          value={value}
          onChange={(e) => onPick(listed.find((p) => p.id === e.target.value))}
        >
          <option value="">—</option>
          {listed.map((p) => (
            <option key={p.id} value={p.id}>
              {p.fullName} ({formatDay(p.dateOfBirth)})
            </option>
          ))}
        </select>
        {children}
      </div>
    </div>
  );
}
