import { PeopleTable } from '../modules/people/components/PeopleTable.tsx';

export function PeoplePage() {
  return <PeopleTable />;
}
