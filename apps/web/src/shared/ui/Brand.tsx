import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export function BrandMark({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden>
      <rect width="64" height="64" rx="14" fill="#1d4ed8" />
      <path d="M18 30a14 14 0 0 1 28 0v8a4 4 0 0 1-4 4h-3V30h5a12 12 0 0 0-24 0h5v12h-3a4 4 0 0 1-4-4z" fill="#fff" />
      <path d="M39 44c0 3-3 5-7 5" stroke="#fff" strokeWidth="3" fill="none" strokeLinecap="round" />
    </svg>
  );
}

/** Logo and product name; `collapsed` keeps only the mark for a narrow sider. */
export function Brand({ collapsed = false, dark = false, subtitle }: { collapsed?: boolean; dark?: boolean; subtitle?: string }) {
  const { t } = useTranslation();
  return (
    <Flex align="center" gap={10} style={{ minWidth: 0 }}>
      <BrandMark />
      {collapsed ? null : (
        <div style={{ lineHeight: 1.2, minWidth: 0 }}>
          <Typography.Text strong style={{ fontSize: 16, color: dark ? '#fff' : undefined, display: 'block' }}>
            {t('app.name')}
          </Typography.Text>
          <Typography.Text style={{ fontSize: 12, color: dark ? 'rgba(255,255,255,0.55)' : 'var(--ant-color-text-tertiary)' }}>
            {subtitle ?? t('app.tagline')}
          </Typography.Text>
        </div>
      )}
    </Flex>
  );
}
