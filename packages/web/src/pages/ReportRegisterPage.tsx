import { RegisterReportForm } from '../modules/ledger/components/RegisterReportForm.tsx';

export function ReportRegisterPage() {
  return <RegisterReportForm />;
}
