/**
 * A marketplace as the seller's UI names it (dashboard, sidebar, popup), in the UI language. Records
 * keep the adapter's id ('pinduoduo', 'qianniu'…: lib/sites); the seller knows 拼多多 and 千牛, not our
 * ids. The adapters' own names (lib/sites, "AliExpress 速卖通") are one mixed-language string each:
 * Simplified in a zh-TW UI and Chinese in an English one. The names are first-frame strings
 * (lib/i18n/first-frame.ts): the popup's plain-DOM first frame names the tab's marketplace too.
 */
import type { firstFrame } from '../lib/i18n/first-frame';
import type { PageState } from '../lib/schema';

/** A marketplace's name key (a first-frame string). */
type SiteKey = Extract<keyof (typeof firstFrame)['en'], `siteName${string}`>;

const SITE_KEY: Readonly<Record<string, SiteKey>> = {
  pinduoduo: 'siteNamePinduoduo',
  qianniu: 'siteNameQianniu',
  aliexpress: 'siteNameAliexpress',
  amazon: 'siteNameAmazon',
  shopee: 'siteNameShopee',
  jd: 'siteNameJd',
  ebay: 'siteNameEbay',
  lazada: 'siteNameLazada',
  etsy: 'siteNameEtsy',
  'tiktok-shop': 'siteNameTiktokShop',
  // Read by the generic heuristics or a taught profile: a backend the seller enabled.
  generic: 'siteNameGeneric',
  // A capture from a tab whose page facts could not be read (entrypoints/background/evidence.ts).
  unknown: 'siteNameUnknown',
};

/**
 * The site's name; an id the dashboard does not know (a newer release's marketplace) is shown
 * as stored rather than hidden. With a record's `url`, a generic site is named by its host, as
 * the exported report names it, so two enabled backends are told apart in the list.
 */
export function siteName(t: (key: SiteKey) => string, id: string, url?: string): string {
  if (id === 'generic' && url) {
    try {
      const host = new URL(url).hostname;
      if (host) return host;
    } catch {
      // Not an address: the generic name below.
    }
  }
  const key = Object.hasOwn(SITE_KEY, id) ? SITE_KEY[id] : undefined;
  return key ? t(key) : id;
}

/**
 * The marketplace of a page the overlay reads: by its id where it is one we name; else (a backend read by
 * the generic heuristics or a taught profile: its host; an older core's id) the name the reader gave.
 */
export function pageSiteName(t: (key: SiteKey) => string, state: Pick<PageState, 'site' | 'siteName'>): string {
  return state.site !== 'generic' && Object.hasOwn(SITE_KEY, state.site) ? siteName(t, state.site) : state.siteName;
}
