// Pages (and a few large widgets) load as their own chunks. A chunk that no longer exists (a deploy
// replaced the hashed files while this tab was open) fails with a ChunkLoadError, which the app's
// PageBoundary turns into a reload prompt.
import { lazy } from 'react';
import type { ComponentType } from 'react';

export class ChunkLoadError extends Error {
  override name = 'ChunkLoadError';
}

/** `lazyComponent(() => import('../pages/X.tsx').then((m) => m.X))`: a named export, loaded lazily. */
export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>) {
  return lazy(() =>
    load().then(
      (component) => ({ default: component }),
      (cause: unknown) => {
        throw new ChunkLoadError(cause instanceof Error ? cause.message : String(cause), { cause });
      },
    ),
  );
}
