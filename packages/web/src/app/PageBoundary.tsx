// Where a lazy page loads: a spinner while its chunk arrives, a reload prompt when the chunk is gone
// (kept in the entry chunk: when one chunk is missing after a deploy, the others are too).
import { Component, Suspense } from 'react';
import type { ReactNode } from 'react';
import { Alert, Button } from 'antd';
import { useT } from '../i18n/index.tsx';
import { LoadingBlock } from '../ui/QueryState.tsx';
import { ChunkLoadError } from '../ui/lazyComponent.ts';

function ReloadPrompt({ fullPage }: { fullPage: boolean }) {
  const t = useT();
  // An Alert, not a Result: Result brings its status illustrations into the entry chunk.
  return (
    <div style={{ padding: fullPage ? '15vh 16px' : 0, maxWidth: 640, margin: '0 auto' }}>
      <Alert
        type="warning"
        showIcon
        title={t('app.chunkFailed.title')}
        description={t('app.chunkFailed.hint')}
        data-testid="chunk-load-failed"
        action={
          <Button type="primary" onClick={() => window.location.reload()} data-testid="chunk-reload">
            {t('common.reload')}
          </Button>
        }
      />
    </div>
  );
}

interface BoundaryProps {
  fullPage: boolean;
  children: ReactNode;
}

/** Catches only chunk-load failures; any other error goes on to the boundary above, as before. */
class ChunkErrorBoundary extends Component<BoundaryProps, { error: unknown }> {
  override state: { error: unknown } = { error: undefined };

  static getDerivedStateFromError(error: unknown): { error: unknown } {
    return { error };
  }

  override render() {
    const { error } = this.state;
    if (error === undefined) return this.props.children;
    if (error instanceof ChunkLoadError) return <ReloadPrompt fullPage={this.props.fullPage} />;
    throw error;
  }
}

/** Give it a `key` per location, so that leaving a page whose chunk failed tries the next one afresh. */
export function PageBoundary({ fullPage = false, children }: { fullPage?: boolean; children: ReactNode }) {
  return (
    <ChunkErrorBoundary fullPage={fullPage}>
      <Suspense fallback={<LoadingBlock fullPage={fullPage} />}>{children}</Suspense>
    </ChunkErrorBoundary>
  );
}
