import { ReferralsList } from '../modules/ledger/components/ReferralsList.tsx';

export function ReferralsPage() {
  return <ReferralsList />;
}
