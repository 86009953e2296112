/**
 * A section of the page whose form is its own chunk, loaded only when the visitor asks for it with
 * the section's button, so the page everyone opens stays small (booking a call, leaving a message).
 */
import type { ComponentType } from 'preact';
import { useState } from 'preact/hooks';
import { errorText } from './error-text';
import { useT } from './i18n';

export interface LazyFormSectionProps<FormProps> {
  /** The section's class, the prefix of its heading's id and its test ids (`<name>`, `<name>-open`). */
  name: string;
  heading: string;
  intro: string;
  openLabel: string;
  loadingLabel: string;
  /** Loads the form's chunk, e.g. `() => import('./booking-form').then((m) => m.BookingForm)`. */
  load: () => Promise<ComponentType<FormProps>>;
  formProps: FormProps;
}

export function LazyFormSection<FormProps extends object>(props: LazyFormSectionProps<FormProps>) {
  const { name, heading, intro, openLabel, loadingLabel, load, formProps } = props;
  const t = useT();
  const [form, setForm] = useState<{ Form: ComponentType<FormProps> } | 'loading' | 'failed' | null>(null);

  const open = () => {
    setForm('loading');
    load().then(
      (Form) => setForm({ Form }),
      () => setForm('failed'),
    );
  };

  return (
    <section class={name} aria-labelledby={`${name}-heading`} data-testid={name}>
      <h2 id={`${name}-heading`}>{heading}</h2>
      {typeof form === 'object' && form ? (
        <form.Form {...formProps} />
      ) : (
        <>
          <p>{intro}</p>
          {form === 'failed' && (
            <p class="notice notice--error" role="alert">
              {errorText(t, 'network')}
            </p>
          )}
          <button type="button" class="button button--primary" data-testid={`${name}-open`} disabled={form === 'loading'} onClick={open}>
            {form === 'loading' ? loadingLabel : openLabel}
          </button>
        </>
      )}
    </section>
  );
}
