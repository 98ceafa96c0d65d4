import { LANGS, type Lang, type ReplyBody } from '../schema';

/**
 * The language a reply goes out in: the preferred one (the buyer's when the page
 * says it, else the seller's setting), else the first body that is not empty, so
 * an empty body never goes out.
 */
export function replyLang(body: ReplyBody, preferred: Lang): Lang {
  if (body[preferred].trim()) return preferred;
  return LANGS.find((l) => body[l].trim() !== '') ?? preferred;
}
