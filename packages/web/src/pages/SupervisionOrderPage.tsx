import { useParams } from 'react-router-dom';
import { OrderView } from '../modules/ledger/components/OrderView.tsx';
import { OrdersList } from '../modules/ledger/components/OrdersTodo.tsx';

export function SupervisionOrderPage() {
  const { id = '' } = useParams();
  return <OrderView key={id} id={id} />;
}

export function SupervisionOrdersPage() {
  return <OrdersList />;
}
