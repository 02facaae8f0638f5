// The bureau's time limits (局设置): read by everyone (the approval form prints them), set by administrators.
import type { BureauSettings, UpdateBureauSettingsBody } from '@bancheng/core';
import { api } from '../../../api/client.ts';

export const settingsKeys = { bureau: ['settings', 'bureau'] as const };

export const fetchBureauSettings = (signal?: AbortSignal) =>
  api<BureauSettings>('/api/settings/bureau', { signal });
export const updateBureauSettings = (body: UpdateBureauSettingsBody) =>
  api<BureauSettings>('/api/settings/bureau', { method: 'PUT', body });
