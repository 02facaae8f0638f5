// A tiny router for the public site's few pages: paths under /public/, history API, links as <a href>.
import { useEffect, useState, type MouseEvent, type ReactNode } from 'react';

export const BASE = '/public';

export interface Location {
  /** The path inside the site, e.g. "/units" ("/" for the home page). */
  path: string;
  query: URLSearchParams;
}

function read(): Location {
  const rest = window.location.pathname.slice(BASE.length).replace(/\/+$/, '');
  return { path: rest === '' ? '/' : rest, query: new URLSearchParams(window.location.search) };
}

const listeners = new Set<() => void>();

export function navigate(to: string): void {
  window.history.pushState(null, '', BASE + to);
  window.scrollTo(0, 0);
  for (const l of listeners) l();
}

export function useLocation(): Location {
  const [location, setLocation] = useState(read);
  useEffect(() => {
    const update = () => setLocation(read());
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return location;
}

export function Link(props: { to: string; className?: string; children: ReactNode; testId?: string }) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    navigate(props.to);
  };
  return (
    <a href={BASE + props.to} className={props.className} onClick={onClick} data-testid={props.testId}>
      {props.children}
    </a>
  );
}
