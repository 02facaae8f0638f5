import { OrgTreeEditor } from '../modules/org/components/OrgTreeEditor.tsx';

export function OrgPage() {
  return <OrgTreeEditor />;
}
