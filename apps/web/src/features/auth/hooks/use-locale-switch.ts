import { useCallback } from 'react';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Locale } from '@kefu/contracts';
import { applyLocale, currentLocale, rememberLocale } from '../../../i18n';
import { problemMessage } from '../../../shared/api/problem-message';
import { useSession, useUpdateMe } from './use-session';

/** Switches the UI language now, and remembers it: on the account when signed in, else in the browser. */
export function useLocaleSwitch() {
  const { user } = useSession();
  const { mutate } = useUpdateMe();
  const { message } = App.useApp();
  const { t } = useTranslation();

  const switchLocale = useCallback(
    async (locale: Locale) => {
      rememberLocale(locale);
      await applyLocale(locale);
      if (user && user.locale !== locale) {
        mutate({ locale }, { onError: (error) => void message.error(problemMessage(error, t)) });
      }
    },
    [user, mutate, message, t],
  );
  return { locale: currentLocale(), switchLocale };
}
