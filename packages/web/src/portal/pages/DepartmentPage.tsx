import type { PublicDepartment } from '@bancheng/core';
import { useI18n } from '../i18n.ts';
import { Link } from '../router.tsx';
import { useFetch } from '../useFetch.ts';
import { Loading } from '../Loading.tsx';
import { ChainFlow } from './FlowPage.tsx';

export function DepartmentPage(props: { id: string }) {
  const { t } = useI18n();
  const department = useFetch<PublicDepartment>(`/api/public/departments/${encodeURIComponent(props.id)}`);
  return (
    <Loading loaded={department}>
      {(d) => (
        <article data-testid="department-page">
          <p className="muted" data-user-text lang="zh-CN">
            {d.unitName}
          </p>
          <h1 data-user-text lang="zh-CN">
            {d.name}
          </h1>
          <div className="actions">
            <Link
              to={`/report?department=${encodeURIComponent(d.id)}`}
              className="button primary"
              testId="department-report"
            >
              {t('department.report')}
            </Link>
          </div>
          <section className="card">
            <h2>{t('department.matters')}</h2>
            {d.matters.length === 0 ? (
              <p className="muted">{t('department.noMatters')}</p>
            ) : (
              <ol className="matters" data-testid="department-matters">
                {d.matters.map((m, i) => (
                  <li key={i}>
                    <strong data-user-text lang="zh-CN">
                      {m.title}
                    </strong>
                    <span className="tag">{t(`matterType.${m.matterType}`)}</span>
                    <span className="muted small">
                      {m.timeLimitWorkdays === null
                        ? t('department.noTimeLimit')
                        : t('department.timeLimit', { days: m.timeLimitWorkdays })}
                    </span>
                    {m.remarks && (
                      <span className="muted small prewrap" data-user-text lang="zh-CN">
                        {m.remarks}
                      </span>
                    )}
                  </li>
                ))}
              </ol>
            )}
          </section>
          <section className="card" data-testid="department-chain">
            <h2>{t('department.chain')}</h2>
            <ChainFlow levels={d.chain} replyWorkdays={d.replyWorkdays} />
          </section>
        </article>
      )}
    </Loading>
  );
}
