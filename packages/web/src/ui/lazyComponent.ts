// Pages (and a few large widgets) load as their own chunks. A chunk that no longer exists (a deploy
// replaced the hashed files while this tab was open) fails with a ChunkLoadError, which the app's
// PageBoundary turns into a reload prompt.
import { lazy } from 'react';
import type { ComponentType, LazyExoticComponent } from 'react';

export class ChunkLoadError extends Error {
  override name = 'ChunkLoadError';
}

export type LazyComponent<P extends object> = LazyExoticComponent<ComponentType<P>> & {
  /** Starts fetching the chunk before the component renders (a failure surfaces when it does). */
  preload(): void;
};

/** `lazyComponent(() => import('../pages/X.tsx').then((m) => m.X))`: a named export, loaded lazily. */
export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>): LazyComponent<P> {
  let loading: Promise<{ default: ComponentType<P> }> | undefined;
  const start = () =>
    (loading ??= load().then(
      (component) => ({ default: component }),
      (cause: unknown) => {
        throw new ChunkLoadError(cause instanceof Error ? cause.message : String(cause), { cause });
      },
    ));
  return Object.assign(lazy(start), { preload: () => void start().catch(() => undefined) });
}
