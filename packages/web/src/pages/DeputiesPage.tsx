import { DeputiesView } from '../modules/deputies/components/DeputiesView.tsx';

export function DeputiesPage() {
  return <DeputiesView />;
}
