// The status page: the code is typed into a form and POSTed, never put in the URL.
import { useState, type FormEvent } from 'react';
import type { PublicReportView } from '@bancheng/core';
import { postJson, PublicApiError } from '../api.ts';
import { chinaTime, useI18n } from '../i18n.ts';

export function StatusPage() {
  const { t, lang } = useI18n();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [view, setView] = useState<PublicReportView | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (code.trim() === '') {
      setError(t('report.required'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setView(await postJson<PublicReportView>('/api/public/reports/status', { code: code.trim() }, lang));
    } catch (err) {
      setView(null);
      const e2 = err instanceof PublicApiError ? err : undefined;
      setError(
        e2?.code === 'REPORT_NOT_FOUND' || e2?.status === 404 || e2?.code === 'VALIDATION_FAILED'
          ? t('status.notFound')
          : e2?.code === 'RATE_LIMITED'
            ? t('report.rateLimited')
            : e2?.code === 'NETWORK'
              ? t('error.network')
              : t('error.generic'),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>{t('status.title')}</h1>
      <p className="muted">{t('status.lead')}</p>
      <form className="card form" onSubmit={submit} noValidate>
        <label htmlFor="status-code">{t('status.code')}</label>
        <input
          id="status-code"
          data-testid="status-code"
          autoComplete="off"
          spellCheck={false}
          value={code}
          maxLength={40}
          onChange={(e) => setCode(e.target.value)}
        />
        {error && (
          <p className="field-error" role="alert" data-testid="status-error">
            {error}
          </p>
        )}
        <button type="submit" className="button primary" disabled={busy} data-testid="status-submit">
          {t('status.submit')}
        </button>
      </form>
      {view && (
        <section className="card" data-testid="status-result">
          <dl className="facts">
            <dt>{t('status.stage')}</dt>
            <dd data-testid="status-stage" data-stage={view.stage}>
              <span className={`stage stage-${view.stage}`}>{t(`status.stage.${view.stage}`)}</span>
            </dd>
            <dt>{t('status.receivedAt')}</dt>
            <dd>{chinaTime(view.receivedAt)}</dd>
            <dt>{t('status.where')}</dt>
            <dd data-user-text lang="zh-CN">
              {view.unitName}
              {view.departmentName ? ` · ${view.departmentName}` : ''}
            </dd>
            {view.counter && (
              <>
                <dt>{t('status.counter')}</dt>
                <dd data-user-text>{view.counter}</dd>
              </>
            )}
            {view.happenedOn && (
              <>
                <dt>{t('status.happenedOn')}</dt>
                <dd>{view.happenedOn}</dd>
              </>
            )}
            <dt>{t('status.what')}</dt>
            <dd className="prewrap" data-user-text data-testid="status-what">
              {view.what}
            </dd>
          </dl>
          <p className="muted small">{t('status.attachments', { count: view.attachmentCount })}</p>
          <h2>{t('status.reply')}</h2>
          {view.reply ? (
            <div data-testid="status-reply">
              <p className="prewrap" data-user-text>
                {view.reply.text}
              </p>
              <p className="muted small">
                {t('status.repliedAt', { time: chinaTime(view.reply.repliedAt) })}
              </p>
            </div>
          ) : (
            <p className="muted">{t('status.noReply')}</p>
          )}
        </section>
      )}
    </>
  );
}
