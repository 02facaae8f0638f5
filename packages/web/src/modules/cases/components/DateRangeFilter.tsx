// The case list's date-range filter. The date picker is a large part of Ant Design that the list needs
// only when someone opens this filter, so it arrives in its own chunk after the list is shown.
import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { ISO_DATE } from '../../../ui/dates.ts';

export interface DateRangeFilterProps {
  from: string | undefined;
  to: string | undefined;
  onChange: (from: string | undefined, to: string | undefined) => void;
  label: string;
  placeholder: [string, string];
  width: number | string;
}

export function DateRangeFilter({ from, to, onChange, label, placeholder, width }: DateRangeFilterProps) {
  return (
    <DatePicker.RangePicker
      aria-label={label}
      placeholder={placeholder}
      style={{ width }}
      value={[from ? dayjs(from, ISO_DATE) : null, to ? dayjs(to, ISO_DATE) : null]}
      allowEmpty={[true, true]}
      onChange={(range) => onChange(range?.[0]?.format(ISO_DATE), range?.[1]?.format(ISO_DATE))}
      data-testid="cases-filter-dates"
    />
  );
}
