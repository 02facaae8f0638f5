import { CalendarYears } from '../modules/calendar/components/CalendarYears.tsx';
import { useCurrentMe } from '../modules/auth/hooks/useAuth.ts';

export function CalendarPage() {
  const me = useCurrentMe();
  return <CalendarYears canManage={me.abilities['calendar.manage']} />;
}
