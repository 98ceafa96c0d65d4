/** The three languages Xiaoer speaks (UI, replies, a buyer's messages). Part of lib/schema (index.ts). */
import * as z from 'zod/mini';

export const LANGS = ['zh-CN', 'zh-TW', 'en'] as const;
export const Lang = z.enum(LANGS);
export type Lang = z.infer<typeof Lang>;
