// The public site's frame: header with the language switch, the page for the path, the footer.
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { I18nContext, initialLang, storeLang, translator, useI18n, type I18n, type Lang } from './i18n.ts';
import { Link, useLocation } from './router.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { RulesPage } from './pages/RulesPage.tsx';
import { UnitsPage } from './pages/UnitsPage.tsx';
import { DepartmentPage } from './pages/DepartmentPage.tsx';
import { FlowPage } from './pages/FlowPage.tsx';
import { StatusPage } from './pages/StatusPage.tsx';

const ReportPage = lazy(() => import('./pages/ReportPage.tsx'));

function Page() {
  const { path, query } = useLocation();
  if (path === '/') return <HomePage />;
  if (path === '/rules') return <RulesPage />;
  if (path === '/units') return <UnitsPage />;
  if (path === '/flow') return <FlowPage />;
  if (path === '/report-status') return <StatusPage />;
  if (path === '/report') return <ReportPage departmentId={query.get('department')} />;
  const department = /^\/departments\/([^/]+)$/.exec(path);
  if (department?.[1]) return <DepartmentPage id={decodeURIComponent(department[1])} />;
  return <NotFound />;
}

function NotFound() {
  const { t } = useI18n();
  return (
    <div className="alert" role="alert">
      <p>{t('common.notFound')}</p>
      <Link to="/">{t('nav.home')}</Link>
    </div>
  );
}

export function App() {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const i18n = useMemo<I18n>(
    () => ({
      lang,
      t: translator(lang),
      setLang: (next) => {
        storeLang(next);
        setLangState(next);
      },
    }),
    [lang],
  );
  const { t } = i18n;
  const { path } = useLocation();
  useEffect(() => {
    document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
    document.title = `${t('site.name')} · ${t('site.bureau')}`;
  }, [lang, t]);
  const nav: [string, Parameters<typeof t>[0]][] = [
    ['/', 'nav.home'],
    ['/rules', 'nav.rules'],
    ['/units', 'nav.units'],
    ['/flow', 'nav.flow'],
    ['/report', 'nav.report'],
    ['/report-status', 'nav.status'],
  ];
  return (
    <I18nContext.Provider value={i18n}>
      <a className="skip" href="#main">
        {t('site.skip')}
      </a>
      <header className="site-header no-print">
        <div className="bar">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true" lang="zh-CN">
              办
            </span>
            <span>
              <span className="brand-name">{t('site.name')}</span>
              <span className="brand-bureau">{t('site.bureau')}</span>
            </span>
          </Link>
          <button
            type="button"
            className="lang"
            data-testid="lang-switch"
            aria-label={t('lang.switchLabel')}
            lang={lang === 'zh' ? 'en' : 'zh-CN'}
            onClick={() => i18n.setLang(lang === 'zh' ? 'en' : 'zh')}
          >
            {t('lang.switch')}
          </button>
        </div>
        <nav className="nav" aria-label={t('nav.home')}>
          {nav.map(([to, key]) => (
            <Link
              key={to}
              to={to}
              className={path === to ? 'active' : undefined}
              testId={`nav-${to.slice(1) || 'home'}`}
            >
              {t(key)}
            </Link>
          ))}
        </nav>
      </header>
      <main id="main" className="main">
        <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
          <Page />
        </Suspense>
      </main>
      <footer className="footer no-print">
        <p>{t('footer.text')}</p>
      </footer>
    </I18nContext.Provider>
  );
}
