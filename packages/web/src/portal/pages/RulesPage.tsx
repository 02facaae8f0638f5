import type { PublicRules } from '@bancheng/core';
import { chinaTime, useI18n } from '../i18n.ts';
import { useFetch } from '../useFetch.ts';
import { Loading, Paragraphs } from '../Loading.tsx';

export function RulesPage() {
  const { t } = useI18n();
  const rules = useFetch<PublicRules>('/api/public/rules');
  return (
    <Loading loaded={rules}>
      {(r) => (
        <article data-testid="rules-page">
          <h1 data-user-text lang="zh-CN">
            {r.title}
          </h1>
          <p className="muted">
            {t('rules.version', { number: r.number, date: chinaTime(r.publishedAt).slice(0, 10) })}
          </p>
          <section className="card">
            <h2>{t('rules.rules')}</h2>
            <div data-user-text lang="zh-CN" data-testid="rules-rules">
              <Paragraphs text={r.rules} />
            </div>
          </section>
          <section className="card">
            <h2>{t('rules.duties')}</h2>
            <div data-user-text lang="zh-CN" data-testid="rules-duties">
              <Paragraphs text={r.duties} />
            </div>
          </section>
        </article>
      )}
    </Loading>
  );
}
