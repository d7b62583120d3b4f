import { Button, Dropdown } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLocaleSwitch } from '../hooks/use-locale-switch';
import { isLocale, locales } from '../../../i18n';

/** Header language menu. The button is named by the current language, e.g. "简体中文". */
export function LanguageSwitch({ type = 'text', dark = false }: { type?: 'text' | 'default'; dark?: boolean }) {
  const { t } = useTranslation();
  const { locale, switchLocale } = useLocaleSwitch();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [locale],
        items: locales.map((l) => ({
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
