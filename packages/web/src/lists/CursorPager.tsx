// Shared by the list pages, outside ui/ so that the entry chunk does not pull in the list widgets (vite.config.ts).
// Pages of a keyset-paginated list: previous / next, the page size, and the total as the server counted
// it ("1,000+" when it stopped counting). The cursors of the pages before are kept in the URL's `back`
// parameter (most recent last), so reloading or sharing a page keeps its place and its way back.
import { Button, Flex, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useT } from '../i18n/index.tsx';
import { LazySelect } from './LazySelect.tsx';

export interface CursorPagerProps {
  total: number;
  totalExact: boolean;
  pageSize: number;
  /** How many pages come before this one. */
  pageIndex: number;
  nextCursor: string | null;
  onNext: (cursor: string) => void;
  onPrevious: () => void;
  onPageSize: (size: number) => void;
  compact?: boolean;
}

export const PAGE_SIZES = [10, 20, 50, 100] as const;

export function CursorPager(p: CursorPagerProps) {
  const t = useT();
  const total = p.totalExact
    ? t('common.total', { total: p.total })
    : t('common.totalAtLeast', { total: p.total.toLocaleString() });
  return (
    <Flex justify="flex-end" align="center" gap={8} wrap style={{ marginTop: 12 }} data-testid="pager">
      <Typography.Text type="secondary" data-testid="pager-total">
        {total}
      </Typography.Text>
      <Button
        icon={<LeftOutlined />}
        disabled={p.pageIndex === 0}
        onClick={p.onPrevious}
        aria-label={t('common.previousPage')}
        data-testid="pager-previous"
      />
      <Typography.Text data-testid="pager-page">
        {t('common.pageNumber', { page: p.pageIndex + 1 })}
      </Typography.Text>
      <Button
        icon={<RightOutlined />}
        disabled={p.nextCursor === null}
        onClick={() => {
          if (p.nextCursor !== null) p.onNext(p.nextCursor);
        }}
        aria-label={t('common.nextPage')}
        data-testid="pager-next"
      />
      {p.compact ? null : (
        <LazySelect<number>
          value={p.pageSize}
          onChange={(size) => {
            if (size !== undefined) p.onPageSize(size);
          }}
          options={[...new Set([...PAGE_SIZES, p.pageSize])]
            .sort((a, b) => a - b)
            .map((n) => ({ value: n, label: t('common.perPage', { size: n }) }))}
          style={{ width: 110 }}
          aria-label={t('common.pageSize')}
        />
      )}
    </Flex>
  );
}

/** The URL parameters of a keyset page: where it starts, and the starts of the pages before it. */
export function cursorParams(params: URLSearchParams): { cursor: string | undefined; back: string[] } {
  const cursor = params.get('cursor') || undefined;
  const back = (params.get('back') ?? '').split('.').filter((c) => c !== '');
  return { cursor, back: cursor === undefined ? [] : back };
}

/** The parameter changes that move to the next page, or back one. */
export function nextPageParams(
  current: { cursor: string | undefined; back: string[] },
  next: string,
): Record<string, string | undefined> {
  const back = current.cursor === undefined ? current.back : [...current.back, current.cursor];
  return { cursor: next, back: back.length > 0 ? back.join('.') : undefined };
}

export function previousPageParams(current: {
  cursor: string | undefined;
  back: string[];
}): Record<string, string | undefined> {
  const back = current.back.slice(0, -1);
  const cursor = current.back.at(-1);
  return { cursor, back: back.length > 0 && cursor !== undefined ? back.join('.') : undefined };
}
