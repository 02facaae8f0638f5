import { useCurrentMe } from '../modules/auth/hooks/useAuth.ts';
import { RegisterCaseForm } from '../modules/cases/components/RegisterCaseForm.tsx';

export function CaseRegisterPage() {
  return <RegisterCaseForm me={useCurrentMe()} />;
}
