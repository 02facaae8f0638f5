// The warning administrators see while a year the deadlines need is not loaded (this year; next year
// from 1 November, China date), with the way to load it.
import { Alert, Button } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../../../i18n/index.tsx';
import { useCalendarStatus } from '../hooks/useCalendar.ts';

export function CalendarWarning({ canManage, withLink = true }: { canManage: boolean; withLink?: boolean }) {
  const t = useT();
  const status = useCalendarStatus(canManage);
  const missing = status.data?.missingYears ?? [];
  if (!canManage || missing.length === 0) return null;
  const years = missing.join('、');
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="calendar-warning"
      title={t('calendar.missingTitle', { years })}
      description={t('calendar.missingText', { years })}
      action={
        withLink ? (
          <Link to="/admin/calendar">
            <Button size="small" type="primary" data-testid="calendar-warning-link">
              {t('calendar.missingAction')}
            </Button>
          </Link>
        ) : undefined
      }
    />
  );
}
