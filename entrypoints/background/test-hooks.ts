/**
 * e2e builds only: browser-UI events (context menu clicks, keyboard commands)
 * cannot be produced by Playwright, so tests call the same handlers the
 * listeners call, through a global on the worker. Production builds leave it out.
 */
import { onCaptureCommand, onMenuClick } from './evidence';
import { onCaseAlarm, onNotificationClick } from './cases';

export function exposeTestHooks(): void {
  if (import.meta.env.MODE !== 'e2e') return;
  (globalThis as unknown as { __xiaoerHooks: unknown }).__xiaoerHooks = { onMenuClick, onCaptureCommand, onCaseAlarm, onNotificationClick };
}
