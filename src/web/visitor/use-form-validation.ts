import { useRef, useState } from 'preact/hooks';

/**
 * The visitor's forms check their fields the same way: no errors while the visitor fills the form
 * in; on submit each invalid field shows its error and the first one (in `invalid`'s order) takes
 * the focus. `focusers` focus a field that is not one element (a group of radio buttons).
 */
export function useFormValidation<Field extends string>(invalid: Record<Field, boolean>, focusers: Partial<Record<Field, () => void>> = {}) {
  const [showErrors, setShowErrors] = useState(false);
  const elements = useRef<Partial<Record<Field, HTMLElement | null>>>({}).current;
  const refs = useRef<Partial<Record<Field, (element: HTMLElement | null) => void>>>({}).current;
  const focus = (field: Field) => (focusers[field] ? focusers[field]() : elements[field]?.focus());
  return {
    /** The ref of the field's element, the one focused when the field is the first invalid one. */
    ref: (field: Field) => (refs[field] ??= (element) => (elements[field] = element)),
    focus,
    /** Whether the field's error is to be shown. */
    shown: (field: Field) => showErrors && invalid[field],
    /** On submit: shows the errors and focuses the first invalid field; true when every field is valid. */
    check(): boolean {
      setShowErrors(true);
      const first = (Object.keys(invalid) as Field[]).find((field) => invalid[field]);
      if (first) focus(first);
      return !first;
    },
    /** Hides the errors again, until the next submit. */
    hide: () => setShowErrors(false),
  };
}
