// The side menu: which pages exist and which ability shows each (everyone's when `permission` is absent).
import type { Abilities, GlobalPermission } from '@bancheng/core';
import type { MessageKey } from '../i18n/index.tsx';

export interface NavItem {
  key:
    | 'home'
    | 'todo'
    | 'notifications'
    | 'cases'
    | 'matters'
    | 'chains'
    | 'deputies'
    | 'org'
    | 'people'
    | 'settings'
    | 'calendar'
    | 'audit'
    | 'flags'
    | 'ledger'
    | 'orders'
    | 'referrals'
    | 'portal'
    | 'posters';
  path: string;
  label: MessageKey;
  permission?: GlobalPermission;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'home', path: '/', label: 'menu.home' },
  { key: 'todo', path: '/cases?view=todo', label: 'menu.todo' },
  { key: 'notifications', path: '/notifications', label: 'menu.notifications' },
  { key: 'cases', path: '/cases', label: 'menu.cases' },
  { key: 'matters', path: '/matters', label: 'menu.matters', permission: 'matters.manage' },
  { key: 'chains', path: '/chains', label: 'menu.chains' },
  { key: 'deputies', path: '/deputies', label: 'menu.deputies', permission: 'deputies.appoint' },
  { key: 'org', path: '/admin/org', label: 'menu.org', permission: 'org.manage' },
  { key: 'people', path: '/admin/people', label: 'menu.people', permission: 'people.manage' },
  { key: 'settings', path: '/admin/settings', label: 'menu.settings', permission: 'settings.manage' },
  { key: 'calendar', path: '/admin/calendar', label: 'menu.calendar', permission: 'calendar.manage' },
  { key: 'audit', path: '/admin/audit', label: 'menu.audit', permission: 'audit.read' },
  { key: 'flags', path: '/flags', label: 'menu.flags', permission: 'supervision.flags' },
  { key: 'ledger', path: '/ledger', label: 'menu.ledger', permission: 'ledger.read' },
  { key: 'orders', path: '/ledger/orders', label: 'orders.title', permission: 'ledger.orders' },
  { key: 'referrals', path: '/ledger/referrals', label: 'menu.referrals', permission: 'ledger.referrals' },
  { key: 'portal', path: '/admin/portal', label: 'menu.portal', permission: 'portal.manage' },
  { key: 'posters', path: '/admin/posters', label: 'menu.posters', permission: 'portal.manage' },
];

export function visibleNavItems(abilities: Abilities): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.permission || abilities[item.permission]);
}

/** The menu key for a location: the to-do list is the case list with view=todo; else the longest path. */
export function navKeyFor(pathname: string, search = ''): NavItem['key'] | undefined {
  if (pathname === '/cases' && new URLSearchParams(search).get('view') === 'todo') return 'todo';
  const matches = NAV_ITEMS.filter(
    (i) => !i.path.includes('?') && (i.path === '/' ? pathname === '/' : pathname.startsWith(i.path)),
  );
  return matches.sort((a, b) => b.path.length - a.path.length)[0]?.key;
}
