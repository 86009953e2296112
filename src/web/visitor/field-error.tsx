/** A field's error under it, named by the field's aria-describedby. */
export function FieldError({ id, text }: { id: string; text: string }) {
  return (
    <p id={id} class="field-error">
      {text}
    </p>
  );
}
