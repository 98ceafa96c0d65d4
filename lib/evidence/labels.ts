/**
 * Words used in transcripts and the bundle report, per language. Kept here
 * rather than in lib/i18n because these documents leave the extension (a
 * platform reviewer reads them) and must not change when UI wording changes.
 *
 * Each bundle version renders its documents its own way, for good: the verifier renders
 * an old bundle's report again with that version's words and compares byte for byte
 * (bundle.ts). Version 1's tables below are frozen; version 2 (`rendering`) changes
 * what a reviewer reads — marketplace names, readable times, short embedded images,
 * 工单 as the zh-CN UI says — and is frozen in turn; version 3 writes Chinese documents
 * with Chinese punctuation after a label ("买家：小王", "（证据 ev-7）"; versions 1–2 wrote
 * "买家: 小王", as English does); version 4 opens a case's timeline with the line saying when the case
 * was opened (`caseOpened`; versions 1–3 began at the first note or status).
 */
import type { Case, Evidence, Lang, Sender } from '../schema';

/** The ways of rendering a bundle's transcripts and report (bundle.ts BUNDLE_VERSION). */
export type RenderVersion = 1 | 2 | 3 | 4;

export interface EvidenceLabels {
  sender: Record<Sender, string>;
  /** Words for the codes the records carry (manifest.json keeps the codes). */
  kinds: Record<Evidence['kind'], string>;
  caseTypes: Record<Case['type'], string>;
  caseStatuses: Record<Case['status'], string>;
  events: Record<Case['timeline'][number]['kind'], string>;
  /**
   * A reminder line of a timeline, stored as which reminder fired (older lines hold their words), or as which
   * time had already passed when a backup was restored ('reply-passed' / 'follow-passed': none was sent).
   */
  reminders: Record<'reply' | 'follow' | 'reply-passed' | 'follow-passed', string>;
  transcript: string;
  evidence: string;
  seq: string;
  kind: string;
  buyer: string;
  buyerId: string;
  order: string;
  site: string;
  url: string;
  title: string;
  capturedAt: string;
  note: string;
  messages: string;
  images: string;
  noMessages: string;
  unknownTime: string;
  report: string;
  generatedAt: string;
  case: string;
  caseType: string;
  caseStatus: string;
  timeline: string;
  /** The first line of a case's timeline from version 4 on: when the case was opened. */
  caseOpened: string;
  files: string;
  file: string;
  size: string;
  sha256: string;
  recordHash: string;
  prevHash: string;
  chainHead: string;
  screenshots: string;
  uncasedEvidence: string;
  withheld: string;
  howToVerifyTitle: string;
  howToVerify: string[];
  replyDueAt: string;
  followUpAt: string;
  /** Heading over an evidence record's artifacts deleted before the export. */
  deletedTitle: string;
  /** Column heading: when the seller deleted it. */
  deletedAt: string;
  /** One deleted artifact, in a sentence a platform reviewer reads. */
  deletedBySeller: (name: string, when: string) => string;
  /** Extra "how to verify" paragraph, only in bundles with deleted artifacts. */
  deletedHowToVerify: string;
}

const zhCN: EvidenceLabels = {
  sender: { buyer: '买家', seller: '卖家', system: '系统' },
  kinds: { chat: '聊天记录', words: '买家原话', screenshot: '截图', snapshot: '页面快照', review: '评价' },
  caseTypes: { complaint: '投诉', dispute: '纠纷', 'malicious-review': '恶意评价', 'after-sales': '售后' },
  caseStatuses: { open: '处理中', 'waiting-buyer': '等待买家', 'waiting-platform': '等待平台', resolved: '已解决' },
  events: { note: '备注', evidence: '证据', status: '状态', reminder: '提醒', unlinked: '证据移出案件' },
  reminders: {
    reply: '答复时限到了：你答应过买家给答复', follow: '回访：问问买家是否满意',
    'reply-passed': '恢复备份时答复时限已过，未发提醒', 'follow-passed': '恢复备份时回访时间已过，未发提醒',
  },
  transcript: '聊天记录', evidence: '证据', seq: '序号', kind: '类型', buyer: '买家', buyerId: '买家 ID',
  order: '订单号', site: '平台', url: '页面地址', title: '页面标题', capturedAt: '采集时间', note: '备注',
  messages: '消息数', images: '图片', noMessages: '（无消息）', unknownTime: '（时间未知）',
  report: '证据报告', generatedAt: '生成时间', case: '案件', caseType: '案件类型', caseStatus: '状态',
  timeline: '时间线', caseOpened: '案件已创建', files: '文件', file: '文件', size: '大小（字节）', sha256: 'SHA-256',
  recordHash: '记录哈希', prevHash: '上一条记录哈希', chainHead: '哈希链末端', screenshots: '截图',
  uncasedEvidence: '未归入案件的证据', withheld: '（此记录未随本包导出，仅保留链信息）',
  howToVerifyTitle: '如何核验',
  howToVerify: [
    '本包中每个文件的 SHA-256 都列在 manifest.json 和本报告中。用任意 SHA-256 工具（例如 Windows 的 certutil -hashfile 文件 SHA256，macOS/Linux 的 shasum -a 256 文件）计算文件哈希，应与所列值一致。',
    '每条证据记录的哈希是对该记录除 hash 外所有字段的规范 JSON（键按字母排序、无空白）计算的 SHA-256；每条记录的 prevHash 等于上一条记录的哈希，构成哈希链。任何一条记录或截图被改动，都会使链在该处断开。',
    '截图和快照的 SHA-256 在采集时即写入证据记录，因此也受哈希链保护。',
  ],
  replyDueAt: '承诺答复时间', followUpAt: '回访时间',
  deletedTitle: '导出前已删除的文件', deletedAt: '删除时间',
  deletedBySeller: (name, when) => `${name}：卖家已于 ${when} 删除（在本次导出之前），本包不含此文件；采集时记录的大小和 SHA-256 仍保存在证据记录中。`,
  deletedHowToVerify: '卖家在导出前删除的截图不在本包中：manifest.json 在其所属记录下以 deleted 列出（名称、类型、采集时记录的大小和 SHA-256、删除时间）。其 SHA-256 仍是证据记录的一部分，因此记录哈希和哈希链照常核验，也没有任何其他文件可以冒充它。',
};

const zhTW: EvidenceLabels = {
  ...zhCN,
  sender: { buyer: '買家', seller: '賣家', system: '系統' },
  kinds: { chat: '聊天記錄', words: '買家原話', screenshot: '截圖', snapshot: '頁面快照', review: '評價' },
  caseTypes: { complaint: '客訴', dispute: '糾紛', 'malicious-review': '惡意評價', 'after-sales': '售後' },
  caseStatuses: { open: '處理中', 'waiting-buyer': '等待買家', 'waiting-platform': '等待平台', resolved: '已解決' },
  events: { note: '備註', evidence: '證據', status: '狀態', reminder: '提醒', unlinked: '證據移出案件' },
  reminders: {
    reply: '答覆時限到了：你答應過買家給答覆', follow: '回訪：問問買家是否滿意',
    'reply-passed': '還原備份時答覆時限已過，未發提醒', 'follow-passed': '還原備份時回訪時間已過，未發提醒',
  },
  transcript: '聊天記錄', evidence: '證據', seq: '序號', kind: '類型', buyer: '買家', buyerId: '買家 ID',
  order: '訂單號', site: '平台', url: '頁面地址', title: '頁面標題', capturedAt: '採集時間', note: '備註',
  messages: '訊息數', images: '圖片', noMessages: '（無訊息）', unknownTime: '（時間未知）',
  report: '證據報告', generatedAt: '產生時間', case: '案件', caseType: '案件類型', caseStatus: '狀態',
  timeline: '時間線', caseOpened: '案件已建立', files: '檔案', file: '檔案', size: '大小（位元組）',
  recordHash: '記錄雜湊', prevHash: '上一筆記錄雜湊', chainHead: '雜湊鏈末端', screenshots: '截圖',
  uncasedEvidence: '未歸入案件的證據', withheld: '（此記錄未隨本包匯出，僅保留鏈資訊）',
  howToVerifyTitle: '如何核驗',
  howToVerify: [
    '本包中每個檔案的 SHA-256 都列在 manifest.json 和本報告中。用任意 SHA-256 工具（例如 Windows 的 certutil -hashfile 檔案 SHA256，macOS/Linux 的 shasum -a 256 檔案）計算檔案雜湊，應與所列值一致。',
    '每筆證據記錄的雜湊是對該記錄除 hash 外所有欄位的規範 JSON（鍵按字母排序、無空白）計算的 SHA-256；每筆記錄的 prevHash 等於上一筆記錄的雜湊，構成雜湊鏈。任何一筆記錄或截圖被改動，都會使鏈在該處斷開。',
    '截圖和快照的 SHA-256 在採集時即寫入證據記錄，因此也受雜湊鏈保護。',
  ],
  replyDueAt: '承諾答覆時間', followUpAt: '回訪時間',
  deletedTitle: '匯出前已刪除的檔案', deletedAt: '刪除時間',
  deletedBySeller: (name, when) => `${name}：賣家已於 ${when} 刪除（在本次匯出之前），本包不含此檔案；採集時記錄的大小和 SHA-256 仍保存在證據記錄中。`,
  deletedHowToVerify: '賣家在匯出前刪除的截圖不在本包中：manifest.json 在其所屬記錄下以 deleted 列出（名稱、類型、採集時記錄的大小和 SHA-256、刪除時間）。其 SHA-256 仍是證據記錄的一部分，因此記錄雜湊和雜湊鏈照常核驗，也沒有任何其他檔案可以冒充它。',
};

const en: EvidenceLabels = {
  sender: { buyer: 'Buyer', seller: 'Seller', system: 'System' },
  kinds: { chat: 'Chat', words: "Buyer's words", screenshot: 'Screenshot', snapshot: 'Page snapshot', review: 'Review' },
  caseTypes: { complaint: 'Complaint', dispute: 'Dispute', 'malicious-review': 'Malicious review', 'after-sales': 'After-sales' },
  caseStatuses: { open: 'Open', 'waiting-buyer': 'Waiting for the buyer', 'waiting-platform': 'Waiting for the platform', resolved: 'Resolved' },
  events: { note: 'Note', evidence: 'Evidence', status: 'Status', reminder: 'Reminder', unlinked: 'Evidence taken off the case' },
  reminders: {
    reply: 'Reply due: you promised the buyer an answer', follow: 'Follow up: ask whether the buyer is satisfied',
    'reply-passed': 'Reply time had already passed when the backup was restored — no reminder sent',
    'follow-passed': 'Follow-up time had already passed when the backup was restored — no reminder sent',
  },
  transcript: 'Chat transcript', evidence: 'Evidence', seq: 'No.', kind: 'Kind', buyer: 'Buyer', buyerId: 'Buyer ID',
  order: 'Order', site: 'Marketplace', url: 'Page URL', title: 'Page title', capturedAt: 'Captured at', note: 'Note',
  messages: 'Messages', images: 'Images', noMessages: '(no messages)', unknownTime: '(time unknown)',
  report: 'Evidence report', generatedAt: 'Generated at', case: 'Case', caseType: 'Case type', caseStatus: 'Status',
  timeline: 'Timeline', caseOpened: 'Case created', files: 'Files', file: 'File', size: 'Size (bytes)', sha256: 'SHA-256',
  recordHash: 'Record hash', prevHash: 'Previous record hash', chainHead: 'Chain head', screenshots: 'Screenshots',
  uncasedEvidence: 'Evidence not filed under a case', withheld: '(record not exported in this bundle; chain fields only)',
  howToVerifyTitle: 'How to verify',
  howToVerify: [
    'Every file in this bundle is listed with its SHA-256 in manifest.json and in this report. Compute the hash with any SHA-256 tool (Windows: certutil -hashfile FILE SHA256; macOS/Linux: shasum -a 256 FILE); it must equal the listed value.',
    'Each evidence record\'s hash is the SHA-256 of the canonical JSON (keys sorted, no whitespace) of all its fields except hash; each record\'s prevHash equals the hash of the record before it, forming a hash chain. Changing any record or screenshot breaks the chain at that point.',
    'Screenshot and snapshot hashes were written into the evidence record at capture time, so the chain protects them too.',
  ],
  replyDueAt: 'Promised reply time', followUpAt: 'Follow-up',
  deletedTitle: 'Files deleted before this export', deletedAt: 'Deleted at',
  deletedBySeller: (name, when) => `${name}: deleted by the seller on ${when}, before this export; the file is not in this bundle. Its size and SHA-256 recorded at capture remain in the evidence record.`,
  deletedHowToVerify: 'Screenshots the seller deleted before the export are not in this bundle: manifest.json lists each under its record as deleted (name, type, size and SHA-256 recorded at capture, time of deletion). Their SHA-256 is still part of the evidence record, so the record hash and the chain verify as usual, and no other file can take their place.',
};

/** Version 2, zh-CN: the UI calls a case 工单 (lib/i18n/evidence.ts); the report said 案件. zh-TW and en kept theirs. */
const zhCN2: EvidenceLabels = {
  ...zhCN,
  events: { ...zhCN.events, unlinked: '证据移出工单' },
  case: '工单', caseType: '工单类型', uncasedEvidence: '未归入工单的证据', caseOpened: '工单已创建',
};

function evidenceLabels(lang: Lang, version: RenderVersion): EvidenceLabels {
  if (lang === 'en') return en;
  if (lang === 'zh-TW') return zhTW;
  return version === 1 ? zhCN : zhCN2;
}

/**
 * Version 2: marketplaces by name, as the adapters named them when version 2 was released
 * (lib/sites; a copy, so renaming one in the UI does not change a document already exported).
 * An id not here — the generic reader's 'generic', a taught profile's — shows the page's host.
 */
const SITE_NAMES_V2: Readonly<Record<string, string>> = {
  pinduoduo: '拼多多 Pinduoduo',
  qianniu: '千牛 Qianniu (Taobao/Tmall)',
  aliexpress: 'AliExpress 速卖通',
  amazon: 'Amazon Seller Central',
  shopee: 'Shopee',
  jd: '京东 JD',
  ebay: 'eBay',
  lazada: 'Lazada',
  etsy: 'Etsy',
  'tiktok-shop': 'TikTok Shop',
};

const EMBEDDED_IMAGE_V2: Record<Lang, (mime: string, bytes: number) => string> = {
  'zh-CN': (mime, bytes) => `内嵌图片（${mime}，${bytes} 字节，完整数据见 messages.json）`,
  'zh-TW': (mime, bytes) => `內嵌圖片（${mime}，${bytes} 位元組，完整資料見 messages.json）`,
  en: (mime, bytes) => `embedded image (${mime}, ${bytes} bytes; the full data is in messages.json)`,
};

/** "2026-11-23 10:05:00 (UTC+08:00)": the time as the seller's clock recorded it, not re-zoned by the reader's machine. */
export function readableTime(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${m[1]} ${m[2]} (UTC${m[3] === 'Z' ? '' : m[3]})`;
}

/** How one bundle version shows what the records store. */
export interface Rendering {
  version: RenderVersion;
  L: EvidenceLabels;
  /** A stored time (ISO with offset) as the documents show it. */
  time(iso: string): string;
  /** A record's site id; `url` is the captured page's address. */
  site(id: string, url: string): string;
  /** An image address read from the page. */
  image(url: string): string;
  /** Between a label and its value: ": " ("Buyer: Wang"), from version 3 "：" in Chinese ("买家：小王"). */
  colon: string;
  /** An aside after a phrase: " (…)", from version 3 "（…）" in Chinese. */
  aside(text: string): string;
}

const LATIN_ASIDE = (text: string) => ` (${text})`;
const CHINESE_ASIDE = (text: string) => `（${text}）`;

const DATA_URL = /^data:([^;,]*)(;[^,]*)?,/;

/** A data: URL's payload size in bytes, decoded (base64, else percent-encoding). */
function dataUrlBytes(url: string, head: string, base64: boolean): number {
  const payload = url.slice(head.length);
  if (base64) return Math.floor((payload.replace(/[^A-Za-z0-9+/]/g, '').length * 3) / 4);
  try {
    return new TextEncoder().encode(decodeURIComponent(payload)).length;
  } catch {
    return payload.length;
  }
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host || null;
  } catch {
    return null;
  }
}

export function rendering(lang: Lang, version: RenderVersion): Rendering {
  const L = evidenceLabels(lang, version);
  // Chinese punctuation from version 3 on; versions 1 and 2 keep the Latin ones they were written with.
  const chinese = version >= 3 && lang !== 'en';
  const colon = chinese ? '：' : ': ';
  const aside = chinese ? CHINESE_ASIDE : LATIN_ASIDE;
  if (version === 1) return { version, L, time: (iso) => iso, site: (id) => id, image: (url) => url, colon, aside };
  return {
    version,
    L,
    colon,
    aside,
    time: readableTime,
    site: (id, url) => SITE_NAMES_V2[id] ?? hostOf(url) ?? id,
    image: (url) => {
      // A buyer's photo as pasted in the chat is a data: URL of many kilobytes: printed whole it filled pages.
      const m = DATA_URL.exec(url);
      if (!m) return url;
      const base64 = /;base64$/i.test(m[2] ?? '');
      return EMBEDDED_IMAGE_V2[lang](m[1] || 'text/plain', dataUrlBytes(url, m[0], base64));
    },
  };
}
