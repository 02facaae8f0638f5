import { useCurrentMe } from '../modules/auth/hooks/useAuth.ts';
import { CaseList } from '../modules/cases/components/CaseList.tsx';

export function CasesPage() {
  return <CaseList canRegister={useCurrentMe().abilities['case.register']} />;
}
