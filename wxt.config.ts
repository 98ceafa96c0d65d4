import { defineConfig } from 'wxt';
import { DEMO_HOST_PATTERNS, E2E_HOST_PATTERNS, MARKETPLACE_HOST_PATTERNS } from './lib/sites/hosts';

// `wxt build --mode e2e` builds .output/chrome-mv3-e2e: the same extension, also
// running on the demo marketplace (127.0.0.1 / localhost) and holding the host
// permission the screenshot tests need, so no permission prompt blocks a headless run.
export default defineConfig({
  // XIAOER_OUT_DIR lets parallel local work (several builds + e2e runs on one checkout) keep separate outputs.
  outDir: process.env.XIAOER_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  // Every file imports what it uses; auto-imports only warned that ext.ts re-exports targetTabId on purpose.
  imports: false,
  manifest: ({ mode }) => {
    return {
      name: '__MSG_extName__',
      description: '__MSG_extDescription__',
      default_locale: 'en',
      // Screenshots and evidence (issue 5): activeTab comes from the gestures that start a capture (popup,
      // keyboard command, context menu); a click inside our sidebar frame grants nothing, so the sidebar asks
      // for the optional <all_urls> (captureVisibleTab accepts only activeTab or <all_urls>) at first use, as
      // it asks for the optional pageCapture (MHTML). The e2e build holds both: headless tests meet no prompt.
      permissions: [
        'storage', 'unlimitedStorage', 'scripting', 'activeTab',
        'contextMenus', 'alarms', 'notifications', 'offscreen', ...(mode === 'e2e' ? ['pageCapture'] : []),
      ],
      optional_permissions: mode === 'e2e' ? [] : ['pageCapture'],
      // Backends the seller switches on themselves (popup / dashboard Sites): asked per host at that click.
      optional_host_permissions: ['https://*/*', 'http://*/*', ...(mode === 'e2e' ? [] : ['<all_urls>'])],
      host_permissions: mode === 'e2e' ? [...E2E_HOST_PATTERNS, '<all_urls>'] : [],
      options_ui: { page: 'dashboard.html', open_in_tab: true },
      commands: {
        'toggle-sidebar': {
          suggested_key: { default: 'Alt+Shift+X' },
          description: '__MSG_commandToggleSidebar__',
        },
        'capture-visible': {
          suggested_key: { default: 'Alt+Shift+S' },
          description: '__MSG_commandCaptureVisible__',
        },
      },
      action: { default_title: '__MSG_extName__' },
      // The sidebar is framed by the overlay, and the overlay's core is imported into
      // its isolated world on first use (see overlay.content/index.ts). Any site the
      // seller enables must reach both, so they are accessible from all origins — but
      // only through the per-session dynamic ID (use_dynamic_url; runtime.getURL
      // returns it, measured in Chromium 156): a page cannot probe the fixed ID to
      // learn Xiaoer is installed. sidebar.html holds no data; the seller's library
      // reaches it only through the background.
      web_accessible_resources: [{ resources: ['sidebar.html', 'overlay-core.js'], matches: ['<all_urls>'], use_dynamic_url: true }],
    };
  },
  hooks: {
    'build:manifestGenerated': (wxt, manifest) => {
      if (wxt.config.mode !== 'e2e') return;
      // The demo marketplace is a page host only in the e2e build (and `npm start`).
      for (const cs of manifest.content_scripts ?? []) cs.matches = [...(cs.matches ?? []), ...DEMO_HOST_PATTERNS];
    },
  },
  vite: ({ mode }) => {
    // The e2e build is the production build plus the demo hosts: React and every library in their
    // production form, so e2e tests and benchmarks measure what sellers run. WXT sets NODE_ENV to the
    // mode name ("e2e"), which made Vite's React plugin emit jsxDEV and ship React's development
    // build (measured: 3.5 s of jsxDEV in a sidebar profile). Vite reads NODE_ENV after this hook.
    if (mode === 'e2e') process.env.NODE_ENV = 'production';
    return {
      // No modulepreload polyfill: Chrome has had modulepreload since 66; the polyfill's code (a
      // feature test and a MutationObserver) ran in every extension page's first module for nothing.
      build: { target: 'chrome120', modulePreload: { polyfill: false } },
      define: mode === 'e2e' ? { 'process.env.NODE_ENV': JSON.stringify('production') } : {},
    };
  },
});
