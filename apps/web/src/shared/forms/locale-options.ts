import type { TFunction } from 'i18next';
import { locales } from '../../i18n';

export const localeOptions = (t: TFunction) => locales.map((locale) => ({ value: locale, label: t(`lang.${locale}`) }));
