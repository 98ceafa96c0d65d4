/**
 * Settings: language, shop and agent names, signature, service hours with time
 * zone, promotion, enabled sites. The interface language applies the moment it
 * is picked (saved at once, like a switch); the rest is saved with the button.
 */
import { useState } from 'react';
import { LANGS, Settings as SettingsSchema, templateSettings, type Lang, type Settings, type TemplateSettings } from '../../lib/schema';
import { useLiveQuery } from 'dexie-react-hooks';
import { getSettings, readSettings, saveSettings, type ResetSetting } from '../../lib/settings';
import { checkTone } from '../../lib/reviews/tone';
import { settingsTextFits, settingsTextNames } from '../../lib/replies/template';
import { EnabledHosts } from './sites-view';
import { guardUnsaved } from './unsaved-guard';
import { askBackground } from '../ext';
import { useI18n } from '../i18n';
import { useWordedStatus } from '../worded-status';
import type { MessageKey } from '../../lib/i18n';
import { failureText } from '../failure-text';

const LANG_KEY: Record<Lang, MessageKey> = { 'zh-CN': 'langZhCN', 'zh-TW': 'langZhTW', en: 'langEn' };

export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  return `UTC${sign}${h}${m ? `:${String(m).padStart(2, '0')}` : ''}`;
}

/** The text fields with a length limit: the field to show a too-long text on, and its label. */
const TEXT_FIELDS = {
  shopName: { field: 'settings-shop', label: 'shopName' },
  agentName: { field: 'settings-agent', label: 'agentName' },
  shopNameEn: { field: 'settings-shop-en', label: 'shopNameEn' },
  agentNameEn: { field: 'settings-agent-en', label: 'agentNameEn' },
  signature: { field: 'settings-signature', label: 'signature' },
  promotion: { field: 'settings-promotion', label: 'promotion' },
} as const satisfies Record<string, { field: string; label: MessageKey }>;

/** What keeps the settings form from saving, said in the UI language, and the field to show it on. */
export interface SettingsProblem {
  field: 'settings-hours-start' | 'settings-hours-end' | (typeof TEXT_FIELDS)[keyof typeof TEXT_FIELDS]['field'] | null;
  key: MessageKey;
  vars?: Record<string, string>;
  /** The field's label, put into vars.field in the language the line is worded in. */
  label?: MessageKey;
}

/**
 * A cleared time field, or hours that start when they end (read as round the clock: the replies would
 * promise a reply at any hour — domain §1 says never promise 24/7); anything else the schema refuses
 * is named by its path. null: the settings can be saved.
 */
export function settingsProblem(s: Settings): SettingsProblem | null {
  // The schema is the one place that says what a time looks like; its first issue names the field.
  const parsed = SettingsSchema.safeParse(s);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') ?? '?';
    if (field === 'hours.start') return { field: 'settings-hours-start', key: 'settingsHoursStartMissing' };
    if (field === 'hours.end') return { field: 'settings-hours-end', key: 'settingsHoursEndMissing' };
    // A text over its limit is refused here, whole, and said with its length: the fields' maxLength cut a pasted
    // 5,000-character signature to its first 2,000 without a word, and the seller's closing lines were gone.
    const issue = parsed.error.issues[0];
    if (issue?.code === 'too_big' && field in TEXT_FIELDS) {
      const text = TEXT_FIELDS[field as keyof typeof TEXT_FIELDS];
      const value = s[field as keyof typeof TEXT_FIELDS] ?? '';
      return { field: text.field, key: 'settingsTooLong', label: text.label, vars: { n: String(value.length), max: String(issue.maximum) } };
    }
    return { field: null, key: 'settingsInvalid', vars: { field } };
  }
  if (s.hours.start === s.hours.end) return { field: 'settings-hours-end', key: 'settingsHoursSame' };
  return null;
}

/** A setting found damaged and put at its default (readSettings), as the form labels it. */
const RESET_LABEL: Record<ResetSetting, MessageKey> = {
  uiLang: 'uiLanguage',
  replyLang: 'replyLanguage',
  shopName: 'shopName',
  agentName: 'agentName',
  shopNameEn: 'shopNameEn',
  agentNameEn: 'agentNameEn',
  signature: 'signature',
  'hours.start': 'serviceHoursStart',
  'hours.end': 'serviceHoursEnd',
  'hours.utcOffsetMinutes': 'timeZone',
  promotion: 'promotion',
  enabledHosts: 'enabledSites',
  disabledHosts: 'sitesColSwitch',
  teamLibraryUrl: 'teamUrlLabel',
};

/**
 * Said over the form while the stored settings have a damaged field: which are at their defaults now, in the UI
 * language (it was zod's English, "Stored settings are damaged (hours.start)…"), and that the rest was kept.
 */
function ResetNote() {
  const { t } = useI18n();
  const reset = useLiveQuery(async () => (await readSettings()).reset, []);
  if (!reset?.length) return null;
  return (
    <p className="error" role="alert" data-testid="settings-reset" data-fields={reset.join(' ')}>
      {t('settingsReset', { fields: reset.map((f) => t(RESET_LABEL[f])).join(t('listSeparator')) })}
    </p>
  );
}

/** A name the signature or promotion uses while it is blank, and where: said at Save. */
export interface BlankName {
  text: 'signature' | 'promotion';
  name: 'shop' | 'agent';
}

/**
 * The names the signature and promotion use ({shop}, {agent}) that are blank. Saved without a word, "—{shop} 客服{agent}"
 * with no shop name went out as "— 客服小美" in every reply; such a reply now asks for the name, and Save says why.
 */
export function blankNamesUsed(s: Pick<Settings, 'signature' | 'promotion' | 'shopName' | 'agentName'>): BlankName[] {
  const blank = { shop: !s.shopName.trim(), agent: !s.agentName.trim() };
  return (['signature', 'promotion'] as const).flatMap((text) => settingsTextNames(s[text]).filter((name) => blank[name]).map((name) => ({ text, name })));
}

const NAME_FIELD = { shop: { label: 'shopName', variable: '{shop}' }, agent: { label: 'agentName', variable: '{agent}' } } as const;

/**
 * Every half hour from UTC-12 to UTC+14, and the zones 45 minutes off the hour (Nepal +5:45, Eucla +8:45,
 * Chatham +12:45): a seller there could not pick their zone, and {hours} / {time} told buyers a time 15 minutes off.
 */
const OFFSETS = [...Array.from({ length: (840 + 720) / 30 + 1 }, (_, i) => -720 + i * 30), 345, 525, 765].sort((a, b) => a - b);

/** The offsets offered, with the stored one if it is none of them (a restored backup): else the select showed UTC-12 for it. */
export function offsetChoices(stored: number): number[] {
  return OFFSETS.includes(stored) ? OFFSETS : [...OFFSETS, stored].sort((a, b) => a - b);
}

/** The fields the seller changed in the form and has not saved; the form shows them over what is stored. */
type Edits = Partial<TemplateSettings>;

/**
 * The edits, for the life of the dashboard page: the form unmounts when another view is opened, and a
 * promotion typed before a glance at Reviews was gone on return, with nothing said.
 */
let unsavedEdits: Edits = {};
guardUnsaved(() => Object.keys(unsavedEdits).length > 0);

export function SettingsView() {
  const { t, settings } = useI18n();
  // Only what the seller changed is held here; every other field shows — and Save keeps — what is stored
  // now. The form used to hold a copy of all of them from when it opened, and Save wrote that copy back:
  // shop and agent names kept from the sidebar ("Keep for every reply") meanwhile were wiped.
  const [edits, setEditsState] = useState<Edits>(() => unsavedEdits);
  const [uiLangPicked, setUiLangPicked] = useState<Lang | null>(null);
  // Worded when shown: the language is switched right here, and "Saved" stayed in English on a page turned 简体.
  const { text: status, mark: statusSaved, set: setStatus } = useWordedStatus<'saved'>();
  const [invalid, setInvalid] = useState<SettingsProblem['field']>(null);
  // The names found blank at the last Save while the signature or promotion uses them; gone with the next edit.
  const [blankNames, setBlankNames] = useState<BlankName[]>([]);
  if (!settings) return null;
  const setEdits = (next: Edits) => {
    unsavedEdits = next;
    setEditsState(next);
  };
  const draft: Settings = { ...settings, ...edits, uiLang: uiLangPicked ?? settings.uiLang };
  const set = <K extends keyof TemplateSettings>(key: K, value: TemplateSettings[K]) => {
    setEdits({ ...edits, [key]: value });
    setBlankNames([]);
    // "Saved" beside the button after a further edit told the seller the new text was saved too, and they closed the tab.
    if (statusSaved) setStatus(null);
  };
  return (
    <form
      className="settings-form"
      data-testid="settings-form"
      onSubmit={async (e) => {
        e.preventDefault();
        const problem = settingsProblem(draft);
        setInvalid(problem?.field ?? null);
        if (problem) {
          setStatus((tr) => tr(problem.key, problem.label ? { ...problem.vars, field: tr(problem.label) } : problem.vars));
          if (problem.field) (e.currentTarget.querySelector(`[data-testid="${problem.field}"]`) as HTMLElement | null)?.focus();
          return;
        }
        try {
          // Save writes the fields the seller changed here — of the ones replies are written with (templateSettings) —
          // onto what is stored now. Everything else has its own control and is saved there (the UI language at once,
          // enabled sites and the team library URL with their permission), maybe in another tab meanwhile: an
          // allow-list, so a setting added later is not written back as this form loaded it.
          const stored = await getSettings();
          const saved = { ...stored, ...templateSettings({ ...stored, ...edits }) };
          await saveSettings(saved);
          setEdits({});
          // Saved all the same (a reply asks for the name, and "Keep for every reply" fills it in), but said here.
          setBlankNames(blankNamesUsed(saved));
          await askBackground('library:changed', {});
          setStatus((tr) => tr('saved'), 'saved');
        } catch (err) {
          setStatus((tr) => failureText(err, tr));
        }
      }}
    >
      <ResetNote />
      <label>
        {t('uiLanguage')}
        <select
          data-testid="settings-ui-lang"
          value={draft.uiLang}
          onChange={async (e) => {
            const uiLang = e.target.value as Lang;
            setUiLangPicked(uiLang);
            // Live: merge into what is stored (not the unsaved draft); built-in labels follow; open sidebars are told.
            await saveSettings({ ...(await getSettings()), uiLang });
            await askBackground('library:relabel', { uiLang }).catch(() => null);
          }}
        >
          {LANGS.map((l) => (
            <option key={l} value={l}>
              {t(LANG_KEY[l])}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('replyLanguage')}
        <select data-testid="settings-reply-lang" value={draft.replyLang} onChange={(e) => set('replyLang', e.target.value as Lang)}>
          {LANGS.map((l) => (
            <option key={l} value={l}>
              {t(LANG_KEY[l])}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('shopName')}
        <input data-testid="settings-shop" aria-invalid={invalid === 'settings-shop' || blankNames.some((b) => b.name === 'shop') || undefined} value={draft.shopName} onChange={(e) => set('shopName', e.target.value)} />
      </label>
      <label>
        {t('agentName')}
        <input data-testid="settings-agent" aria-invalid={invalid === 'settings-agent' || blankNames.some((b) => b.name === 'agent') || undefined} value={draft.agentName} onChange={(e) => set('agentName', e.target.value)} />
      </label>
      <label>
        {t('shopNameEn')}
        <input data-testid="settings-shop-en" aria-invalid={invalid === 'settings-shop-en' || undefined} value={draft.shopNameEn ?? ''} onChange={(e) => set('shopNameEn', e.target.value)} />
      </label>
      <label>
        {t('agentNameEn')}
        <input data-testid="settings-agent-en" aria-invalid={invalid === 'settings-agent-en' || undefined} value={draft.agentNameEn ?? ''} onChange={(e) => set('agentNameEn', e.target.value)} />
        <span className="small muted">{t('namesEnHint')}</span>
      </label>
      <label>
        {t('signature')}
        <textarea data-testid="settings-signature" aria-invalid={invalid === 'settings-signature' || undefined} value={draft.signature} onChange={(e) => set('signature', e.target.value)} />
        <span className="small muted">{t('signatureHint')}</span>
        <ScriptNote kind="signature" text={draft.signature} />
      </label>
      <fieldset>
        <legend>{t('serviceHours')}</legend>
        <input type="time" data-testid="settings-hours-start" aria-label={t('serviceHoursStart')} aria-invalid={invalid === 'settings-hours-start' || undefined} value={draft.hours.start} onChange={(e) => set('hours', { ...draft.hours, start: e.target.value })} />
        {' – '}
        <input type="time" data-testid="settings-hours-end" aria-label={t('serviceHoursEnd')} aria-invalid={invalid === 'settings-hours-end' || undefined} value={draft.hours.end} onChange={(e) => set('hours', { ...draft.hours, end: e.target.value })} />
        <label>
          {t('timeZone')}
          <select
            data-testid="settings-hours-tz"
            value={draft.hours.utcOffsetMinutes}
            onChange={(e) => set('hours', { ...draft.hours, utcOffsetMinutes: Number(e.target.value) })}
          >
            {offsetChoices(draft.hours.utcOffsetMinutes).map((o) => (
              <option key={o} value={o}>
                {formatOffset(o)}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <label>
        {t('promotion')}
        <textarea data-testid="settings-promotion" aria-invalid={invalid === 'settings-promotion' || undefined} value={draft.promotion} onChange={(e) => set('promotion', e.target.value)} />
        {/* Review drafts drop such a promotion (lib/reviews/draft.ts): say so here, or it just never shows up. */}
        {checkTone(draft.promotion).some((f) => f.kind === 'bribe') ? (
          <span className="small error" data-testid="settings-promotion-bribe">
            {t('promotionBribe')}
          </span>
        ) : null}
        <ScriptNote kind="promotion" text={draft.promotion} />
      </label>
      <EnabledHosts />
      {/* Kept on screen (sticky): on a 1366×768 laptop Save sat below the fold under the enabled sites. */}
      <div className="settings-save-bar">
        <button type="submit" className="primary" data-testid="settings-save">
          {t('save')}
        </button>{' '}
        <span role="status" className={invalid ? 'error' : undefined} data-testid="settings-status">
          {status}
        </span>
        {blankNames.map((b) => (
          <p key={`${b.text}-${b.name}`} className="error small" data-testid="settings-name-blank" data-name={b.name}>
            {t('settingsNameBlank', { text: t(b.text), var: NAME_FIELD[b.name].variable, name: t(NAME_FIELD[b.name].label) })}
          </p>
        ))}
      </div>
    </form>
  );
}

/**
 * Which replies leave a signature or promotion out for its script (settingsTextFits): said here, or a
 * Chinese signature just never shows under English replies. Placeholders ({shop}) are not the text's script.
 */
function ScriptNote({ kind, text }: { kind: 'signature' | 'promotion'; text: string }) {
  const { t } = useI18n();
  const own = text.replace(/\{[^{}]*\}/g, '').trim();
  const key: MessageKey | null = !own ? null : !settingsTextFits(kind, own, 'en') ? 'settingsTextNotEn' : !settingsTextFits(kind, own, 'zh-CN') ? 'settingsTextNotZh' : null;
  return key ? (
    <span className="small muted" data-testid={`settings-${kind}-script`}>
      {t(key)}
    </span>
  ) : null;
}
