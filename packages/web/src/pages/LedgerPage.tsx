import { useCurrentMe } from '../modules/auth/hooks/useAuth.ts';
import { LedgerList } from '../modules/ledger/components/LedgerList.tsx';

export function LedgerPage() {
  return <LedgerList canRegister={useCurrentMe().abilities['ledger.register']} />;
}
