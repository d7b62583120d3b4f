import { Tag } from 'antd';
import { LockOutlined, TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CannedResponseScope } from '@kefu/contracts';

export function ScopeTag({ scope }: { scope: CannedResponseScope }) {
  const { t } = useTranslation();
  return scope === 'shared' ? (
    <Tag color="blue" icon={<TeamOutlined />}>
      {t('cannedResponses.scopes.shared')}
    </Tag>
  ) : (
    <Tag icon={<LockOutlined />}>{t('cannedResponses.scopes.personal')}</Tag>
  );
}
