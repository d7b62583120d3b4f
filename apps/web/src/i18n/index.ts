import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import relativeTime from 'dayjs/plugin/relativeTime';
import antdZhCN from 'antd/locale/zh_CN';
import antdEnUS from 'antd/locale/en_US';
import type { Locale as AntdLocale } from 'antd/es/locale';
import type { Locale } from '@kefu/contracts';
import zhCN from './zh-CN.json';
import en from './en.json';

dayjs.extend(relativeTime);

export const locales: readonly Locale[] = ['zh-CN', 'en'];
export const defaultLocale: Locale = 'zh-CN';
const STORAGE_KEY = 'kefu.locale';

// Fails to compile when the English file misses a key the Chinese one has.
const enResource: typeof zhCN = en;

export const resources = {
  'zh-CN': { translation: zhCN },
  en: { translation: enResource },
} as const;

const antdLocales: Record<Locale, AntdLocale> = { 'zh-CN': antdZhCN, en: antdEnUS };
const dayjsLocales: Record<Locale, string> = { 'zh-CN': 'zh-cn', en: 'en' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

export function storedLocale(): Locale | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

export function rememberLocale(locale: Locale) {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode: the choice just lasts for this page.
  }
}

export function antdLocale(locale: Locale): AntdLocale {
  return antdLocales[locale];
}

/** Switches every layer that renders text: i18next, dayjs, the document language. */
export async function applyLocale(locale: Locale) {
  dayjs.locale(dayjsLocales[locale]);
  document.documentElement.lang = locale;
  if (i18n.language !== locale) await i18n.changeLanguage(locale);
}

export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : defaultLocale;
}

// Chinese first: without a remembered choice the UI starts in 简体中文.
const initial = storedLocale() ?? defaultLocale;
dayjs.locale(dayjsLocales[initial]);
document.documentElement.lang = initial;

void i18n.use(initReactI18next).init({
  resources,
  lng: initial,
  fallbackLng: defaultLocale,
  interpolation: { escapeValue: false },
  returnNull: false,
});

export { i18n };
