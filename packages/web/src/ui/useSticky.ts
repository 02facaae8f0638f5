import { useState } from 'react';

/** The value, or while it is null the last non-null one: keeps a closing dialog's content in place. */
export function useSticky<T>(value: T | null): T | null {
  const [last, setLast] = useState<T | null>(value);
  if (value !== null && value !== last) setLast(value);
  return value ?? last;
}
