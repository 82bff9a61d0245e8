import { useState } from 'preact/hooks';
import { ApiError } from './api';

/** The value, change handler and server error of one text field of a form's draft. */
export function fieldBinder<T extends object>(
  draft: T,
  setDraft: (next: T) => void,
  error: ApiError | null,
) {
  return (field: keyof T & string) => ({
    value: String(draft[field]),
    onValue: (value: string) => setDraft({ ...draft, [field]: value }),
    error: error?.about(field),
  });
}

/** Runs a form's request; the error stays on the form, the reload shows what was saved. */
export function useSubmit(onSaved: () => void) {
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (request: () => Promise<unknown>, message: string) => {
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      await request();
      setSaved(message);
      onSaved();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure : new ApiError(0, 'CLIENT', String(failure)));
    } finally {
      setBusy(false);
    }
  };
  return { error, saved, busy, submit };
}

/** A number as typed: "27,5" and "27.5" are the same. */
export const parseDecimal = (text: string) => Number(text.replace(',', '.'));
