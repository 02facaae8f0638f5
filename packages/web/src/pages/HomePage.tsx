import { Dashboard } from '../modules/home/components/Dashboard.tsx';
import { useCurrentMe } from '../modules/auth/hooks/useAuth.ts';

export function HomePage() {
  return <Dashboard me={useCurrentMe()} />;
}
