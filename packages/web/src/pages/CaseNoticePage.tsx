import { useParams } from 'react-router-dom';
import { OneTimeNoticeSheet } from '../modules/cases/components/OneTimeNoticeSheet.tsx';

export function CaseNoticePage() {
  const { id = '' } = useParams();
  return <OneTimeNoticeSheet key={id} id={id} />;
}
