// The pickers of a list a first page shows (the to-do list's filters, the pager's page size). antd Select,
// with its virtual list, is some 22 kB compressed, so it arrives just after the rows, as the date-range
// picker does; until then a box that looks like the closed picker holds its place, and a click on it
// opens the picker as soon as it is there.
import { Suspense, useState } from 'react';
import type { CSSProperties, ReactNode } from 'react';
import { Input } from 'antd';
import type { SelectProps } from 'antd';
import { DownOutlined } from '@ant-design/icons';
import { lazyComponent } from '../ui/lazyComponent.ts';

const LoadedSelect = lazyComponent(() => import('./LoadedSelect.tsx').then((m) => m.LoadedSelect));

export interface LazySelectProps<V extends string | number> {
  value: V | undefined;
  /** Options, or groups of options under `options` (with a `search` text when searchable). */
  options: SelectProps<V>['options'];
  onChange: (value: V | undefined) => void;
  placeholder?: string;
  'aria-label': string;
  allowClear?: boolean;
  /** Typing filters the options by their `search` text. */
  searchable?: boolean;
  style?: CSSProperties;
  'data-testid'?: string;
}

export function LazySelect<V extends string | number>(p: LazySelectProps<V>) {
  const chosen = labelOf(p.options, p.value);
  const [wanted, setWanted] = useState(false);
  const placeholder = (
    <Input
      readOnly
      tabIndex={-1}
      aria-hidden
      onMouseDown={() => setWanted(true)}
      value={typeof chosen === 'string' || typeof chosen === 'number' ? String(chosen) : undefined}
      placeholder={p.placeholder}
      suffix={<DownOutlined style={{ fontSize: 12, opacity: 0.25 }} />}
      style={p.style}
    />
  );
  return (
    <Suspense fallback={placeholder}>
      <LoadedSelect
        value={p.value}
        options={p.options}
        // The options hold only values of type V, so that is what antd hands back.
        onChange={(v) => p.onChange(v as V | undefined)}
        placeholder={p.placeholder}
        aria-label={p['aria-label']}
        allowClear={p.allowClear}
        showSearch={p.searchable ? { optionFilterProp: 'search' } : undefined}
        style={p.style}
        data-testid={p['data-testid']}
        defaultOpen={wanted || undefined}
        autoFocus={wanted || undefined}
      />
    </Suspense>
  );
}

/** The label of the option holding `value`, looking into groups. */
function labelOf(options: SelectProps['options'], value: unknown): ReactNode {
  for (const o of options ?? []) {
    if (o.options) {
      const inGroup = labelOf(o.options as SelectProps['options'], value);
      if (inGroup !== undefined) return inGroup;
    } else if (value !== undefined && o.value === value) return o.label;
  }
  return undefined;
}
