import { useCurrentMe } from '../modules/auth/hooks/useAuth.ts';
import { useSearchParams } from 'react-router-dom';
import { CaseList } from '../modules/cases/components/CaseList.tsx';
import { OrdersTodoCard } from '../modules/ledger/components/OrdersTodo.tsx';

export function CasesPage() {
  const me = useCurrentMe();
  const [params] = useSearchParams();
  // The to-do list also holds the supervision orders waiting on the departments the reader heads.
  const todo = params.get('view') === 'todo' && me.abilities['ledger.orders'];
  return (
    <>
      <CaseList canRegister={me.abilities['case.register']} />
      {todo ? (
        <div style={{ marginTop: 16 }}>
          <OrdersTodoCard enabled />
        </div>
      ) : null}
    </>
  );
}
