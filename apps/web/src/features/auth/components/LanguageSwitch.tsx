import { Button, Dropdown } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLocaleSwitch } from '../hooks/use-locale-switch';
import type { Locale } from '@kefu/contracts';
import { isLocale, locales } from '../../../i18n';

/** Header language menu. The button is named by the current language, e.g. "简体中文". */
/** `only` limits the menu to the languages the portal offers; with one, there is nothing to switch. */
export function LanguageSwitch({ type = 'text', dark = false, only }: { type?: 'text' | 'default'; dark?: boolean; only?: readonly Locale[] }) {
  const { t } = useTranslation();
  const { locale, switchLocale } = useLocaleSwitch();
  const offered = only ? locales.filter((l) => only.includes(l)) : locales;
  if (offered.length < 2) return null;
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [locale],
        items: offered.map((l) => ({
          key: l,
          label: t(`lang.${l}`),
        })),
        onClick: ({ key }) => {
          if (isLocale(key)) void switchLocale(key);
        },
      }}
    >
      <Button type={type} icon={<GlobalOutlined />} title={t('lang.label')} style={dark ? { color: '#fff' } : undefined}>
        {t(`lang.${locale}`)}
      </Button>
    </Dropdown>
  );
}
