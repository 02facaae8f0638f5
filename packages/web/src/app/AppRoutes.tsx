// Which pages exist depends on who is signed in: nobody → login; must change password → only that.
import type { ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import type { GlobalPermission, Me } from '@bancheng/core';
import { ErrorBlock, LoadingBlock } from '../ui/QueryState.tsx';
import { useMe } from '../modules/auth/hooks/useAuth.ts';
import { AuditPage } from '../pages/AuditPage.tsx';
import { CaseFormPage } from '../pages/CaseFormPage.tsx';
import { CaseNoticePage } from '../pages/CaseNoticePage.tsx';
import { CasePage } from '../pages/CasePage.tsx';
import { CaseRegisterPage } from '../pages/CaseRegisterPage.tsx';
import { CasesPage } from '../pages/CasesPage.tsx';
import { ChainsPage } from '../pages/ChainsPage.tsx';
import { HomePage } from '../pages/HomePage.tsx';
import { LoginPage } from '../pages/LoginPage.tsx';
import { MattersPage } from '../pages/MattersPage.tsx';
import { NotificationsPage } from '../pages/NotificationsPage.tsx';
import { OrgPage } from '../pages/OrgPage.tsx';
import { ForcedPasswordPage, PasswordPage } from '../pages/PasswordPage.tsx';
import { PeoplePage } from '../pages/PeoplePage.tsx';
import { ForbiddenPage, NotFoundPage } from '../pages/StatusPage.tsx';
import { AppLayout } from './AppLayout.tsx';

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
        <Route path="/login" element={<LoginPage />} />
        <Route path="*" element={<Navigate to="/login" replace state={{ from } satisfies FromState} />} />
      </Routes>
    );
  }

  const current = me.data;
  if (current.mustChangePassword) {
    return (
      <Routes>
        <Route path="/password" element={<ForcedPasswordPage me={current} />} />
        <Route path="*" element={<Navigate to="/password" replace />} />
      </Routes>
    );
  }

  const from = (location.state as FromState | null)?.from;
  return (
    <Routes>
      <Route path="/login" element={<Navigate to={from && from.startsWith('/') ? from : '/'} replace />} />
      <Route element={<AppLayout me={current} />}>
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
