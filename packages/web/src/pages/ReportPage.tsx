import { useParams } from 'react-router-dom';
import { ReportView } from '../modules/ledger/components/ReportView.tsx';

export function ReportPage() {
  const { id = '' } = useParams();
  // A new report id is a new page: nothing typed into one report's forms carries over to another.
  return <ReportView key={id} id={id} />;
}
