import { SupervisionFlags } from '../modules/tracking/components/SupervisionFlags.tsx';

export function FlagsPage() {
  return <SupervisionFlags />;
}
