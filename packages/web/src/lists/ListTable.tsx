// A light table for the lists a first page shows (the to-do list): a semantic <table> in Ant Design's
// colours, without antd Table's sorting, filtering, selection and virtual scrolling, which cost the route
// some 190 kB of JavaScript, 55 kB compressed (docs/ARCHITECTURE.md, web app). Wide tables scroll sideways
// with the first column kept in view.
import { useState } from 'react';
import type { CSSProperties, ReactNode } from 'react';
import { Spin, theme } from 'antd';
import './list-table.css';

export interface ListColumn<T> {
  key: string;
  title: ReactNode;
  /** In pixels; the table is at least `minWidth` wide and shares out the rest. */
  width: number;
  render: (row: T) => ReactNode;
}

export interface ListTableProps<T> {
  /** What the table lists, for screen readers (the scrolling region's name). */
  label: string;
  columns: readonly ListColumn<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  rowTestId?: (row: T) => string;
  loading: boolean;
  /** Shown in place of the rows when there are none (and nothing is loading). */
  empty: ReactNode;
  /** Below this width the table scrolls sideways. */
  minWidth: number;
}

export function ListTable<T>(p: ListTableProps<T>) {
  const { token } = theme.useToken();
  // The first column casts a shadow over the others once they scroll under it.
  const [scrolled, setScrolled] = useState(false);
  const colours = {
    '--list-table-border': token.colorBorderSecondary,
    '--list-table-split': token.colorSplit,
    '--list-table-head-bg': token.colorFillAlter,
    '--list-table-head-color': token.colorTextHeading,
    '--list-table-head-weight': token.fontWeightStrong,
    '--list-table-bg': token.colorBgContainer,
    '--list-table-hover-bg': token.colorFillAlter,
    '--list-table-radius': `${token.borderRadiusLG}px`,
    '--list-table-focus': token.colorPrimaryBorder,
    color: token.colorText,
    fontSize: token.fontSize,
  } as CSSProperties;

  return (
    <Spin spinning={p.loading}>
      <div
        className="list-table-scroll"
        data-scrolled={scrolled || undefined}
        style={colours}
        role="region"
        aria-label={p.label}
        aria-busy={p.loading || undefined}
        // A region wider than the window must be reachable by keyboard to scroll it.
        tabIndex={0}
        onScroll={(e) => setScrolled(e.currentTarget.scrollLeft > 0)}
      >
        <table className="list-table" style={{ minWidth: p.minWidth }}>
          <colgroup>
            {p.columns.map((c) => (
              <col key={c.key} style={{ width: c.width }} />
            ))}
          </colgroup>
          <thead>
            <tr>
              {p.columns.map((c) => (
                <th key={c.key} scope="col">
                  {c.title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {p.rows.map((row) => (
              <tr key={p.rowKey(row)} data-testid={p.rowTestId?.(row)}>
                {p.columns.map((c) => (
                  <td key={c.key}>{c.render(row)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {p.rows.length === 0 ? <div className="list-table-empty">{p.loading ? null : p.empty}</div> : null}
      </div>
    </Spin>
  );
}
