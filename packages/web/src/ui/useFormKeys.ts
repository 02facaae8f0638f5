// A form's idempotency keys and its in-flight guard: a double click or Enter pressed twice sends one
// request, and a retry of the same contents is answered once by the server (api/idempotency.ts).
import { useRef, useState } from 'react';
import { createFormKeys, type FormKeys } from '../api/idempotency.ts';

export interface FormSubmission {
  /** The key to send with a body: the same for the same contents until `keys.reset()`. */
  keys: FormKeys;
  /** Starts a submission: false (do nothing) while one is in flight or waiting for its confirmation. */
  begin(): boolean;
  /** Ends it: the answer came, or the confirmation was cancelled. */
  end(): void;
}

export function useFormSubmission(): FormSubmission {
  const [keys] = useState(() => createFormKeys());
  const inFlight = useRef(false);
  const [submission] = useState<FormSubmission>(() => ({
    keys,
    begin() {
      if (inFlight.current) return false;
      inFlight.current = true;
      return true;
    },
    end() {
      inFlight.current = false;
    },
  }));
  return submission;
}
