import { useParams } from 'react-router-dom';
import { ApprovalFormSheet } from '../modules/cases/components/ApprovalFormSheet.tsx';

export function CaseFormPage() {
  const { id = '' } = useParams();
  return <ApprovalFormSheet key={id} id={id} />;
}
