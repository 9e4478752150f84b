import { InputHTMLAttributes, useEffect, useRef, useState } from 'react';
import { usePeopleSearch } from '../api/hooks';
import { formatDay } from '../dates';

/**
 * A nominee typed by name or id: what is typed searches the registry (two characters at least)
 * and the people found are offered. Choosing one puts their id in the form and their name in the
 * field (before: the raw id stayed in the field); the name is shown under the field too.
 */
export function CandidateInput({
  id,
  value,
  knownName,
  onChange,
  onNamed,
  ...rest
}: {
  id: string;
  value: string;
  /** The name the case already knows for this id (a nominee of an earlier step). */
  knownName?: string;
  onChange: (value: string) => void;
  /**
   * The name found for the id in the form: a refusal naming the nominee by id (an open
   * discipline case about them) reads with their name, not the id.
   */
  onNamed?: (personId: string, fullName: string) => void;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'id' | 'list'>) {
  const [text, setText] = useState(knownName ?? value);
  // The value this field last gave the form: another value comes from outside (a line removed
  // above it), and the field shows that one.
  const emitted = useRef(value);
  if (emitted.current !== value) {
    emitted.current = value;
    setText(knownName ?? value);
  }
  const people = usePeopleSearch(text);
  // The names of everyone offered so far: choosing one puts their id in the form.
  const offered = useRef(new Map<string, string>());
  for (const p of people.data ?? []) offered.current.set(p.id, p.fullName);
  const name = knownName ?? offered.current.get(value) ?? '';
  useEffect(() => {
    if (value && name) onNamed?.(value, name);
  }, [value, name, onNamed]);
  const type = (typed: string) => {
    const chosen = offered.current.get(typed.trim());
    const next = chosen ? typed.trim() : typed;
    setText(chosen ?? typed);
    emitted.current = next;
    onChange(next);
  };
  return (
    <>
      <input
        id={id}
        value={text}
        list={`${id}-people`}
        autoComplete="off"
        onChange={(e) => type(e.target.value)}
        aria-describedby={`${id}-name`}
        {...rest}
      />
      <datalist id={`${id}-people`}>
        {(people.data ?? []).map((p) => (
          <option key={p.id} value={p.id} label={`${p.fullName} (${formatDay(p.dateOfBirth)})`} />
        ))}
      </datalist>
      <span className="hint" id={`${id}-name`}>
        {/* The name alone: the id is the record's, not the reader's (before: "Tên (p-…)"). */}
        {name}
      </span>
    </>
  );
}
