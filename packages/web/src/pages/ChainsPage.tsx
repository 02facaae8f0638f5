import { RosterView } from '../modules/chains/components/RosterView.tsx';
import { useCurrentMe } from '../modules/auth/hooks/useAuth.ts';

export function ChainsPage() {
  const me = useCurrentMe();
  return <RosterView isAdmin={me.roles.includes('admin')} />;
}
