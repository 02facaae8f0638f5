// Loads a public JSON resource for a page, again when the language or the path changes.
import { useCallback, useEffect, useState } from 'react';
import { getJson, PublicApiError } from './api.ts';
import { useI18n } from './i18n.ts';

export type Loaded<T> =
  { state: 'loading' } | { state: 'error'; error: PublicApiError } | { state: 'done'; data: T };

export function useFetch<T>(path: string): Loaded<T> & { reload(): void } {
  const { lang } = useI18n();
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setLoaded({ state: 'loading' });
    getJson<T>(path, lang).then(
      (data) => live && setLoaded({ state: 'done', data }),
      (error: unknown) =>
        live &&
        setLoaded({
          state: 'error',
          error: error instanceof PublicApiError ? error : new PublicApiError(0, 'NETWORK', ''),
        }),
    );
    return () => {
      live = false;
    };
  }, [path, lang, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...loaded, reload };
}
