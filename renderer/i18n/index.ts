import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { supportedLanguages, type Language } from './types';
import { zhCN } from './zh-CN';

export { supportedLanguages, type Language } from './types';

export const defaultLanguage: Language = 'zh-CN';

export const resources = {
  'zh-CN': { translation: zhCN },
  en: { translation: en },
} as const;

export function isLanguage(value: string): value is Language {
  return (supportedLanguages as readonly string[]).includes(value);
}

/**
 * Starts i18next for the renderer. zh-CN unless told otherwise; missing English strings fall
 * back to Chinese. Safe to call more than once (later calls only switch the language).
 */
export async function initI18n(lang: Language = defaultLanguage): Promise<i18n> {
  if (i18next.isInitialized) {
    await i18next.changeLanguage(lang);
    return i18next;
  }
  await i18next.use(initReactI18next).init({
    resources,
    lng: lang,
    fallbackLng: defaultLanguage,
    supportedLngs: [...supportedLanguages],
    defaultNS: 'translation',
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
  });
  return i18next;
}

export { i18next as i18n };
