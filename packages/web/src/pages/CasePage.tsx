import { useParams } from 'react-router-dom';
import { CaseView } from '../modules/cases/components/CaseView.tsx';

export function CasePage() {
  const { id = '' } = useParams();
  // A new case id is a new page: nothing typed into one case's forms carries over to another.
  return <CaseView key={id} id={id} />;
}
