/**
 * Chat transcripts for an evidence record, as plain text and as a standalone
 * HTML document. The buyer's own words are the evidence (domain §3), so the
 * message text is reproduced exactly; in HTML it is escaped, never parsed.
 */
import * as z from 'zod/mini';
import { ChatMessage, type ArtifactRef, type Evidence, type Lang } from '../schema';
import { canonicalJson } from './hash';
import { escapeHtml, htmlDocument } from './html';
import { rendering, type RenderVersion, type Rendering } from './labels';

/** What a transcript says about where and when it was captured (a subset of Evidence). */
export interface TranscriptMeta {
  evidenceId?: string;
  seq?: number;
  buyerName: string | null;
  buyerId: string | null;
  orderId: string | null;
  site: string;
  url: string;
  title?: string;
  capturedAt: string;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

function messageTime(m: ChatMessage, unknown: string): string {
  return m.timeText || m.timeIso || unknown;
}

function metaRows(meta: TranscriptMeta, show: Rendering, count: number): [string, string][] {
  const { L } = show;
  const rows: [string, string][] = [];
  if (meta.evidenceId !== undefined) rows.push([L.evidence, meta.seq !== undefined ? `${meta.evidenceId}${show.aside(`${L.seq} ${meta.seq}`)}` : meta.evidenceId]);
  rows.push([L.buyer, meta.buyerName ?? '']);
  rows.push([L.buyerId, meta.buyerId ?? '']);
  rows.push([L.order, meta.orderId ?? '']);
  rows.push([L.site, show.site(meta.site, meta.url)]);
  if (meta.title !== undefined) rows.push([L.title, meta.title]);
  rows.push([L.url, meta.url]);
  rows.push([L.capturedAt, show.time(meta.capturedAt)]);
  rows.push([L.messages, String(count)]);
  return rows;
}

/**
 * Plain text. Header lines are flush left; every line of a message's text is
 * indented by two spaces, so no text a buyer typed can pose as a header
 * ("[10:01] Seller") — strip the two spaces to get the exact text back.
 */
export function transcriptText(messages: readonly ChatMessage[], meta: TranscriptMeta, lang: Lang, version: RenderVersion): string {
  const show = rendering(lang, version);
  const { L } = show;
  const out: string[] = [L.transcript];
  for (const [k, v] of metaRows(meta, show, messages.length)) out.push(`${k}${show.colon}${oneLine(v)}`);
  out.push('-'.repeat(40));
  if (messages.length === 0) out.push(L.noMessages);
  for (const m of messages) {
    const iso = m.timeIso && m.timeIso !== m.timeText ? ` (${oneLine(show.time(m.timeIso))})` : '';
    out.push(`[${oneLine(messageTime(m, L.unknownTime))}]${iso} ${L.sender[m.sender]}`);
    for (const line of m.text.split('\n')) out.push(`  ${line}`);
    for (const img of m.images) out.push(`  ${L.images}${show.colon}${oneLine(show.image(img))}`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

/** Metadata values are single-line in text form; a newline in them could forge a header. */
function oneLine(s: string): string {
  return s.replace(/[\r\n\u2028\u2029]+/g, ' ');
}

export const TRANSCRIPT_STYLE = `
body{font:14px/1.5 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:24px;color:#222}
table.meta{border-collapse:collapse;margin-bottom:16px}
table.meta th,table.meta td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top;word-break:break-all}
.msg{border-left:4px solid #999;padding:4px 10px;margin:8px 0;break-inside:avoid}
.msg.buyer{border-color:#e67e22}.msg.seller{border-color:#2980b9}.msg.system{border-color:#7f8c8d;color:#555}
.msg header{font-size:12px;color:#555}
.msg .text{white-space:pre-wrap;word-break:break-word;margin:2px 0}
.msg ul.images{margin:2px 0;padding-left:18px;font-size:12px;color:#555;word-break:break-all}
`;

/** The transcript as an HTML fragment (used inside the bundle report too). */
export function transcriptHtmlFragment(messages: readonly ChatMessage[], show: Rendering): string {
  const { L } = show;
  if (messages.length === 0) return `<p class="empty">${escapeHtml(L.noMessages)}</p>`;
  const parts: string[] = [];
  for (const m of messages) {
    const time = messageTime(m, L.unknownTime);
    // Only a real ISO time goes into the datetime attribute; anything else stays visible text.
    const iso = m.timeIso && ISO_TIME.test(m.timeIso) ? ` datetime="${escapeHtml(m.timeIso)}"` : '';
    // Image addresses come from the page: shown as text, never fetched, never linked.
    const images = m.images.length
      ? `<ul class="images">${m.images.map((u) => `<li>${escapeHtml(L.images + show.colon)}<span class="url">${escapeHtml(show.image(u))}</span></li>`).join('')}</ul>`
      : '';
    // The page's own words for the time ("昨天 16:26") with the date it stands for, as the text transcript
    // shows it: a reviewer reading the report days later could not tell when "昨天" was.
    const when = m.timeIso && m.timeIso !== m.timeText ? ` <span class="iso">(${escapeHtml(show.time(m.timeIso))})</span>` : '';
    parts.push(`<article class="msg ${m.sender}"><header><time${iso}>${escapeHtml(time)}</time>${when} · <span class="sender">${escapeHtml(L.sender[m.sender])}</span></header><p class="text">${escapeHtml(m.text)}</p>${images}</article>`);
  }
  return parts.join('\n');
}

export function metaTableHtml(rows: readonly [string, string][]): string {
  return `<table class="meta">${rows.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>`;
}

/** A standalone HTML document: metadata table, then every message, all escaped. */
export function transcriptHtml(messages: readonly ChatMessage[], meta: TranscriptMeta, lang: Lang, version: RenderVersion): string {
  const show = rendering(lang, version);
  const { L } = show;
  const heading = meta.buyerName ? `${L.transcript} — ${meta.buyerName}` : L.transcript;
  return htmlDocument({
    lang,
    title: heading,
    style: TRANSCRIPT_STYLE,
    body: `<h1>${escapeHtml(heading)}</h1>\n${metaTableHtml(metaRows(meta, show, messages.length))}\n${transcriptHtmlFragment(messages, show)}`,
  });
}

/**
 * Canonical bytes of the messages as read from the page (ChatMessage fields
 * only, in order). The capture writer can store these as an artifact of the
 * evidence record so the messages themselves are covered by the hash chain;
 * messageCount alone does not protect their text.
 */
export function messagesCanonicalJson(messages: readonly ChatMessage[]): string {
  return canonicalJson(messages.map((m) => ({
    platformId: m.platformId, sender: m.sender, timeText: m.timeText, timeIso: m.timeIso, text: m.text, images: [...m.images],
  })));
}

/**
 * The artifact a capture stores its messages in (messagesCanonicalJson): its SHA-256 is in the
 * chained record, so these are the messages a bundle's transcripts and report are rendered from.
 */
export const MESSAGES_ARTIFACT = { name: 'messages.json', mime: 'application/json' } as const;

/** The record's messages artifact, if it has one (a screenshot-only capture has none). */
export function messagesArtifact(record: Pick<Evidence, 'artifacts'>): ArtifactRef | undefined {
  return record.artifacts.find((a) => a.name === MESSAGES_ARTIFACT.name && a.mime === MESSAGES_ARTIFACT.mime);
}

const BoundMessages = z.array(ChatMessage);
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The messages in a messages artifact's bytes, or why they cannot be read (validated: the bytes come from a file). */
export function readBoundMessages(bytes: Uint8Array): { ok: true; messages: ChatMessage[] } | { ok: false; reason: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(utf8.decode(bytes));
  } catch (e) {
    return { ok: false, reason: `not UTF-8 JSON: ${(e as Error).message}` };
  }
  const parsed = BoundMessages.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `not a list of chat messages (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'})` };
  }
  return { ok: true, messages: parsed.data };
}
