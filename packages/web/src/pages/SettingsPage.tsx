import { BureauSettingsEditor } from '../modules/settings/components/BureauSettingsEditor.tsx';

export function SettingsPage() {
  return <BureauSettingsEditor />;
}
