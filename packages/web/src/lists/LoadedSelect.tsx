// antd Select in a chunk of its own, for LazySelect.tsx.
import { Select } from 'antd';
import type { SelectProps } from 'antd';

export function LoadedSelect(props: SelectProps<string | number>) {
  return <Select<string | number> {...props} />;
}
