import type { PublicRules } from '@bancheng/core';
import { useI18n } from '../i18n.ts';
import { Link } from '../router.tsx';
import { useFetch } from '../useFetch.ts';
import { Loading, Paragraphs } from '../Loading.tsx';

export function HomePage() {
  const { t } = useI18n();
  const rules = useFetch<PublicRules>('/api/public/rules');
  return (
    <>
      <section className="hero">
        <h1>{t('home.lead')}</h1>
      </section>
      <section className="card" data-testid="home-rules">
        <h2>{t('home.rulesInBrief')}</h2>
        <Loading loaded={rules}>
          {(r) => (
            <div data-user-text lang="zh-CN">
              <Paragraphs text={r.summary} />
            </div>
          )}
        </Loading>
        <Link to="/rules" className="more" testId="home-read-rules">
          {t('home.readRules')} →
        </Link>
      </section>
      <section className="card accent">
        <h2>{t('home.reportTitle')}</h2>
        <p>{t('home.reportText')}</p>
        <div className="actions">
          <Link to="/report" className="button primary" testId="home-report">
            {t('home.report')}
          </Link>
          <Link to="/report-status" className="button" testId="home-status">
            {t('home.status')}
          </Link>
        </div>
      </section>
      <nav className="tiles">
        <Link to="/units" className="tile" testId="home-units">
          {t('home.findDepartment')}
        </Link>
        <Link to="/flow" className="tile" testId="home-flow">
          {t('home.seeFlow')}
        </Link>
      </nav>
    </>
  );
}
