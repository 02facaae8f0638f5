// Which pages exist depends on who is signed in: nobody → login; must change password → only that.
import type { ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import type { GlobalPermission, Me } from '@bancheng/core';
import { ErrorBlock, LoadingBlock } from '../ui/QueryState.tsx';
import { useMe } from '../modules/auth/hooks/useAuth.ts';
import { PageBoundary } from './PageBoundary.tsx';
import { LoginPage } from '../pages/LoginPage.tsx';
import {
  AppLayout,
  ForbiddenPage,
  ForcedPasswordPage,
  NotFoundPage,
  PAGE_ROUTES,
  PasswordPage,
  TrackingPage,
  preloadSignedIn,
} from './pages.ts';

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

  // The applicant's tracking page needs no session and is the same for everyone: outside every frame.
  // The code is typed into its form and posted, never part of this address (decision 0007).
  if (location.pathname === '/track') {
    return (
      <PageBoundary fullPage>
        <TrackingPage />
      </PageBoundary>
    );
  }
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
  // Idempotent, so safe in render: the frame's chunk and the page's start together, now.
  preloadSignedIn(location.pathname);
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
        {PAGE_ROUTES.map(({ path, Page, permission }) => {
          const page = permission ? (
            <RequireAbility me={current} permission={permission}>
              <Page />
            </RequireAbility>
          ) : (
            <Page />
          );
          return path ? (
            <Route key={path} path={path} element={page} />
          ) : (
            <Route key="index" index element={page} />
          );
        })}
        <Route path="password" element={<PasswordPage me={current} />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
