// Which pages exist depends on who is signed in: nobody → login; must change password → only that.
import type { ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import type { GlobalPermission, Me } from '@bancheng/core';
import { ErrorBlock, LoadingBlock } from '../ui/QueryState.tsx';
import { useMe } from '../modules/auth/hooks/useAuth.ts';
import { lazyComponent } from '../ui/lazyComponent.ts';
import { PageBoundary } from './PageBoundary.tsx';
import { LoginPage } from '../pages/LoginPage.tsx';

// Each page is its own chunk, so signing in loads the login page only and the case list never waits
// for the administration pages. The signed-in frame is one too: the login page does not need it.
const AppLayout = lazyComponent(() => import('./AppLayout.tsx').then((m) => m.AppLayout));
const ForcedPasswordPage = lazyComponent(() =>
  import('../pages/PasswordPage.tsx').then((m) => m.ForcedPasswordPage),
);
const PasswordPage = lazyComponent(() => import('../pages/PasswordPage.tsx').then((m) => m.PasswordPage));
const HomePage = lazyComponent(() => import('../pages/HomePage.tsx').then((m) => m.HomePage));
const CasesPage = lazyComponent(() => import('../pages/CasesPage.tsx').then((m) => m.CasesPage));
const CaseRegisterPage = lazyComponent(() =>
  import('../pages/CaseRegisterPage.tsx').then((m) => m.CaseRegisterPage),
);
const CasePage = lazyComponent(() => import('../pages/CasePage.tsx').then((m) => m.CasePage));
const CaseFormPage = lazyComponent(() => import('../pages/CaseFormPage.tsx').then((m) => m.CaseFormPage));
const CaseNoticePage = lazyComponent(() =>
  import('../pages/CaseNoticePage.tsx').then((m) => m.CaseNoticePage),
);
const MattersPage = lazyComponent(() => import('../pages/MattersPage.tsx').then((m) => m.MattersPage));
const NotificationsPage = lazyComponent(() =>
  import('../pages/NotificationsPage.tsx').then((m) => m.NotificationsPage),
);
const ChainsPage = lazyComponent(() => import('../pages/ChainsPage.tsx').then((m) => m.ChainsPage));
const OrgPage = lazyComponent(() => import('../pages/OrgPage.tsx').then((m) => m.OrgPage));
const PeoplePage = lazyComponent(() => import('../pages/PeoplePage.tsx').then((m) => m.PeoplePage));
const AuditPage = lazyComponent(() => import('../pages/AuditPage.tsx').then((m) => m.AuditPage));
const ForbiddenPage = lazyComponent(() => import('../pages/StatusPage.tsx').then((m) => m.ForbiddenPage));
const NotFoundPage = lazyComponent(() => import('../pages/StatusPage.tsx').then((m) => m.NotFoundPage));

interface FromState {
  from?: string;
}

/** A page behind one of the abilities the server sent: the server refuses the same, this only says so. */
function RequireAbility({
  me,
  permission,
  children,
}: {
  me: Me;
  permission: GlobalPermission;
  children: ReactNode;
}) {
  return me.abilities[permission] ? children : <ForbiddenPage />;
}

export function AppRoutes() {
  const me = useMe();
  const location = useLocation();

  if (me.isPending) return <LoadingBlock fullPage />;
  if (me.isError) {
    return (
      <div style={{ padding: 24 }}>
        <ErrorBlock error={me.error} onRetry={() => void me.refetch()} />
      </div>
    );
  }

  if (!me.data) {
    const from = location.pathname === '/login' ? undefined : location.pathname + location.search;
    return (
      <Routes>
        <Route
          path="/login"
          element={
            <PageBoundary fullPage>
              <LoginPage />
            </PageBoundary>
          }
        />
        <Route path="*" element={<Navigate to="/login" replace state={{ from } satisfies FromState} />} />
      </Routes>
    );
  }

  const current = me.data;
  if (current.mustChangePassword) {
    return (
      <Routes>
        <Route
          path="/password"
          element={
            <PageBoundary fullPage>
              <ForcedPasswordPage me={current} />
            </PageBoundary>
          }
        />
        <Route path="*" element={<Navigate to="/password" replace />} />
      </Routes>
    );
  }

  const from = (location.state as FromState | null)?.from;
  return (
    <Routes>
      <Route path="/login" element={<Navigate to={from && from.startsWith('/') ? from : '/'} replace />} />
      <Route
        element={
          <PageBoundary fullPage>
            <AppLayout me={current} />
          </PageBoundary>
        }
      >
        <Route index element={<HomePage />} />
        <Route path="cases" element={<CasesPage />} />
        <Route
          path="cases/new"
          element={
            <RequireAbility me={current} permission="case.register">
              <CaseRegisterPage />
            </RequireAbility>
          }
        />
        <Route path="cases/:id" element={<CasePage />} />
        <Route path="cases/:id/form" element={<CaseFormPage />} />
        <Route path="cases/:id/notice" element={<CaseNoticePage />} />
        <Route
          path="matters"
          element={
            <RequireAbility me={current} permission="matters.manage">
              <MattersPage />
            </RequireAbility>
          }
        />
        <Route path="notifications" element={<NotificationsPage />} />
        <Route path="chains" element={<ChainsPage />} />
        <Route path="password" element={<PasswordPage me={current} />} />
        <Route
          path="admin/org"
          element={
            <RequireAbility me={current} permission="org.manage">
              <OrgPage />
            </RequireAbility>
          }
        />
        <Route
          path="admin/people"
          element={
            <RequireAbility me={current} permission="people.manage">
              <PeoplePage />
            </RequireAbility>
          }
        />
        <Route
          path="admin/audit"
          element={
            <RequireAbility me={current} permission="audit.read">
              <AuditPage />
            </RequireAbility>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
