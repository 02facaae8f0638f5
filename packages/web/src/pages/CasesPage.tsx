import { CASE_REGISTRARS } from '../app/navigation.ts';
import { hasAnyRole, useCurrentMe } from '../modules/auth/hooks/useAuth.ts';
import { CaseList } from '../modules/cases/components/CaseList.tsx';

export function CasesPage() {
  return <CaseList canRegister={hasAnyRole(useCurrentMe(), CASE_REGISTRARS)} />;
}
