/**
 * The background service worker: the message router, the only writer of
 * evidence and screenshots, and the owner of browser-level features (commands,
 * context menus, alarms). It holds no state in memory that matters: MV3 may stop
 * it at any time, so everything lives in IndexedDB.
 */
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createRouter } from './router';
import { registerCommands } from './commands';
import { ensureSeeded } from './seed';
import { registerEvidence } from './evidence';
import { registerCases } from './cases';
import { exposeTestHooks } from './test-hooks';
import { registerSites } from './sites';
import { registerTeamLibrary } from './team-library';

export default defineBackground(() => {
  // storage.local (the seed flag) is for our own pages and worker: content scripts run in pages
  // that may influence them and never need it (they ask the background). Chromium keeps local
  // storage open to content scripts unless told otherwise.
  void chrome.storage.local.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => undefined);
  createRouter();
  registerCommands();
  registerEvidence();
  registerCases();
  exposeTestHooks();
  registerSites();
  registerTeamLibrary();
  browser.runtime.onInstalled.addListener(() => {
    void ensureSeeded();
  });
});
