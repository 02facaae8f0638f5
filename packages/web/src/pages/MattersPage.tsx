import { MatterListEditor } from '../modules/matters/components/MatterListEditor.tsx';
import { useCurrentMe } from '../modules/auth/hooks/useAuth.ts';

export function MattersPage() {
  const me = useCurrentMe();
  return <MatterListEditor me={me} />;
}
