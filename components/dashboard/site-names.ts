/**
 * A marketplace as the dashboard names it, in the UI language. Records keep the adapter's id
 * ('pinduoduo', 'qianniu'…: lib/sites); the seller knows 拼多多 and 千牛, not our ids. The adapters'
 * own names (lib/sites, "拼多多 Pinduoduo") are one mixed-language string each and come with the
 * page readers, which the dashboard does not load; these follow the UI language.
 */
import type { MessageKey } from '../../lib/i18n';

const SITE_KEY: Readonly<Record<string, MessageKey>> = {
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
export function siteName(t: (key: MessageKey) => string, id: string, url?: string): string {
  if (id === 'generic' && url) {
    try {
      const host = new URL(url).hostname;
      if (host) return host;
    } catch {
      // Not an address: the generic name below.
    }
  }
  const key = SITE_KEY[id];
  return key ? t(key) : id;
}
