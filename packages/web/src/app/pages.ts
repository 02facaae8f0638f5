// The signed-in pages, each its own chunk, with the path it answers and the ability that shows it.
// On a first visit to a deep link the frame and the page are fetched at once, not one after the other.
import { matchPath } from 'react-router-dom';
import type { GlobalPermission } from '@bancheng/core';
import { lazyComponent } from '../ui/lazyComponent.ts';
import type { LazyComponent } from '../ui/lazyComponent.ts';

export const AppLayout = lazyComponent(() => import('./AppLayout.tsx').then((m) => m.AppLayout));
export const ForcedPasswordPage = lazyComponent(() =>
  import('../pages/PasswordPage.tsx').then((m) => m.ForcedPasswordPage),
);
export const PasswordPage = lazyComponent(() =>
  import('../pages/PasswordPage.tsx').then((m) => m.PasswordPage),
);
export const ForbiddenPage = lazyComponent(() =>
  import('../pages/StatusPage.tsx').then((m) => m.ForbiddenPage),
);
/** The public tracking page (办理进度查询): its own chunk, shown with or without a session. */
export const TrackingPage = lazyComponent(() =>
  import('../pages/TrackingPage.tsx').then((m) => m.TrackingPage),
);
export const NotFoundPage = lazyComponent(() =>
  import('../pages/StatusPage.tsx').then((m) => m.NotFoundPage),
);

export interface PageRoute {
  /** Under the signed-in frame; '' is the home page. */
  path: string;
  Page: LazyComponent<object>;
  permission?: GlobalPermission;
}

export const PAGE_ROUTES: readonly PageRoute[] = [
  { path: '', Page: lazyComponent(() => import('../pages/HomePage.tsx').then((m) => m.HomePage)) },
  { path: 'cases', Page: lazyComponent(() => import('../pages/CasesPage.tsx').then((m) => m.CasesPage)) },
  {
    path: 'cases/new',
    Page: lazyComponent(() => import('../pages/CaseRegisterPage.tsx').then((m) => m.CaseRegisterPage)),
    permission: 'case.register',
  },
  { path: 'cases/:id', Page: lazyComponent(() => import('../pages/CasePage.tsx').then((m) => m.CasePage)) },
  {
    path: 'cases/:id/form',
    Page: lazyComponent(() => import('../pages/CaseFormPage.tsx').then((m) => m.CaseFormPage)),
  },
  {
    path: 'cases/:id/notice',
    Page: lazyComponent(() => import('../pages/CaseNoticePage.tsx').then((m) => m.CaseNoticePage)),
  },
  {
    path: 'matters',
    Page: lazyComponent(() => import('../pages/MattersPage.tsx').then((m) => m.MattersPage)),
    permission: 'matters.manage',
  },
  {
    path: 'notifications',
    Page: lazyComponent(() => import('../pages/NotificationsPage.tsx').then((m) => m.NotificationsPage)),
  },
  {
    path: 'deputies',
    Page: lazyComponent(() => import('../pages/DeputiesPage.tsx').then((m) => m.DeputiesPage)),
  },
  { path: 'chains', Page: lazyComponent(() => import('../pages/ChainsPage.tsx').then((m) => m.ChainsPage)) },
  {
    path: 'admin/org',
    Page: lazyComponent(() => import('../pages/OrgPage.tsx').then((m) => m.OrgPage)),
    permission: 'org.manage',
  },
  {
    path: 'admin/people',
    Page: lazyComponent(() => import('../pages/PeoplePage.tsx').then((m) => m.PeoplePage)),
    permission: 'people.manage',
  },
  {
    path: 'admin/settings',
    Page: lazyComponent(() => import('../pages/SettingsPage.tsx').then((m) => m.SettingsPage)),
    permission: 'settings.manage',
  },
  {
    path: 'admin/portal',
    Page: lazyComponent(() =>
      import('../modules/portal/components/PortalRulesEditor.tsx').then((m) => m.PortalRulesEditor),
    ),
    permission: 'portal.manage',
  },
  {
    path: 'admin/posters',
    Page: lazyComponent(() =>
      import('../modules/portal/components/PostersPage.tsx').then((m) => m.PostersPage),
    ),
    permission: 'portal.manage',
  },
  {
    path: 'admin/calendar',
    Page: lazyComponent(() => import('../pages/CalendarPage.tsx').then((m) => m.CalendarPage)),
    permission: 'calendar.manage',
  },
  {
    path: 'admin/audit',
    Page: lazyComponent(() => import('../pages/AuditPage.tsx').then((m) => m.AuditPage)),
    permission: 'audit.read',
  },
  {
    path: 'flags',
    Page: lazyComponent(() => import('../pages/FlagsPage.tsx').then((m) => m.FlagsPage)),
    permission: 'supervision.flags',
  },
  {
    path: 'ledger',
    Page: lazyComponent(() => import('../pages/LedgerPage.tsx').then((m) => m.LedgerPage)),
    permission: 'ledger.read',
  },
  {
    path: 'ledger/new',
    Page: lazyComponent(() => import('../pages/ReportRegisterPage.tsx').then((m) => m.ReportRegisterPage)),
    permission: 'ledger.register',
  },
  {
    path: 'ledger/orders',
    Page: lazyComponent(() =>
      import('../pages/SupervisionOrderPage.tsx').then((m) => m.SupervisionOrdersPage),
    ),
    permission: 'ledger.orders',
  },
  {
    path: 'ledger/orders/:id',
    Page: lazyComponent(() =>
      import('../pages/SupervisionOrderPage.tsx').then((m) => m.SupervisionOrderPage),
    ),
  },
  {
    path: 'ledger/referrals',
    Page: lazyComponent(() => import('../pages/ReferralsPage.tsx').then((m) => m.ReferralsPage)),
    permission: 'ledger.referrals',
  },
  // A report's page: the server decides who reads it (404 otherwise), as for a case.
  {
    path: 'ledger/:id',
    Page: lazyComponent(() => import('../pages/ReportPage.tsx').then((m) => m.ReportPage)),
  },
];

/** Starts fetching the frame and the page at `pathname` (the password page is the frame's own). */
export function preloadSignedIn(pathname: string): void {
  AppLayout.preload();
  const route = PAGE_ROUTES.find((r) => matchPath({ path: `/${r.path}`, end: true }, pathname));
  route?.Page.preload();
}
