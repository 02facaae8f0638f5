import { AuditTable } from '../modules/audit/components/AuditTable.tsx';

export function AuditPage() {
  return <AuditTable />;
}
