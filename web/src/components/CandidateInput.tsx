import { InputHTMLAttributes, useRef } from 'react';
import { usePeopleSearch } from '../api/hooks';
import { formatDay } from '../dates';

/**
 * A nominee typed by name or id: what is typed searches the registry (two characters at least)
 * and the people found are offered (their id goes in, their name and birthday are shown); the
 * name of the one chosen is shown under the field.
 */
export function CandidateInput({
  id,
  value,
  knownName,
  onChange,
  ...rest
}: {
  id: string;
  value: string;
  /** The name the case already knows for this id (a nominee of an earlier step). */
  knownName?: string;
  onChange: (value: string) => void;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'id' | 'list'>) {
  const people = usePeopleSearch(value);
  // The names of everyone offered so far: choosing one puts their id in, and the search for the
  // id itself finds nobody.
  const offered = useRef(new Map<string, string>());
  for (const p of people.data ?? []) offered.current.set(p.id, p.fullName);
  const name = knownName ?? offered.current.get(value) ?? '';
  return (
    <>
      <input
        id={id}
        value={value}
        list={`${id}-people`}
        autoComplete="off"
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={`${id}-name`}
        {...rest}
      />
      <datalist id={`${id}-people`}>
        {(people.data ?? []).map((p) => (
          <option key={p.id} value={p.id} label={`${p.fullName} (${formatDay(p.dateOfBirth)})`} />
        ))}
      </datalist>
      <span className="hint" id={`${id}-name`}>
        {name}
      </span>
    </>
  );
}
