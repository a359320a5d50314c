import type { zhCN } from './zh-CN';

/**
 * The shape of a translation: the same keys as `T`, every leaf a string. Applied to zh-CN it
 * is the type every other language must satisfy, so a missing or extra key is a compile error.
 */
export type LocaleTree<T> = {
  -readonly [K in keyof T]: T[K] extends string ? string : LocaleTree<T[K]>;
};

export type Translation = LocaleTree<typeof zhCN>;

export const supportedLanguages = ['zh-CN', 'en'] as const;
export type Language = (typeof supportedLanguages)[number];
