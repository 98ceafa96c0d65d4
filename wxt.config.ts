import { defineConfig } from 'wxt';
import { E2E_HOST_PATTERNS } from './lib/sites/hosts';

// `--mode e2e` builds .output/chrome-mv3-e2e: the same extension, also running on the
// demo marketplace (127.0.0.1 / localhost) and holding the host permission the
// screenshot tests need, so no permission prompt blocks a headless run.
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  manifest: ({ mode }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'unlimitedStorage'],
    host_permissions: mode === 'e2e' ? [...E2E_HOST_PATTERNS] : [],
    commands: {
      'toggle-sidebar': {
        suggested_key: { default: 'Alt+Shift+X' },
        description: '__MSG_commandToggleSidebar__',
      },
    },
    action: { default_title: '__MSG_extName__' },
  }),
  vite: () => ({
    build: { target: 'chrome120' },
  }),
});
