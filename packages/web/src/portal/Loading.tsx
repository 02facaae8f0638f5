import type { ReactNode } from 'react';
import { useI18n } from './i18n.ts';
import type { Loaded } from './useFetch.ts';

/** A page's loading and error states; the content once loaded. */
export function Loading<T>(props: {
  loaded: Loaded<T> & { reload(): void };
  children: (data: T) => ReactNode;
}) {
  const { t } = useI18n();
  const { loaded } = props;
  if (loaded.state === 'loading')
    return (
      <p className="muted" role="status">
        {t('common.loading')}
      </p>
    );
  if (loaded.state === 'error') {
    const text =
      loaded.error.status === 404
        ? t('common.notFound')
        : loaded.error.code === 'NETWORK'
          ? t('error.network')
          : t('error.generic');
    return (
      <div className="alert" role="alert">
        <p>{text}</p>
        {loaded.error.status !== 404 && (
          <button type="button" className="button" onClick={loaded.reload}>
            {t('common.retry')}
          </button>
        )}
      </div>
    );
  }
  return <>{props.children(loaded.data)}</>;
}

/** Plain text with blank lines as paragraph breaks, shown as text (never as HTML). */
export function Paragraphs(props: { text: string }) {
  return (
    <>
      {props.text
        .split(/\n\s*\n/)
        .filter((p) => p.trim() !== '')
        .map((p, i) => (
          <p key={i} className="prewrap">
            {p}
          </p>
        ))}
    </>
  );
}
