import { PublicTracking } from '../modules/tracking/components/PublicTracking.tsx';

/** The public tracking page: outside the signed-in frame, with or without a session. */
export function TrackingPage() {
  return <PublicTracking />;
}
