import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '@kefu/contracts';

const colors: Record<Role, string> = { admin: 'volcano', supervisor: 'purple', agent: 'blue', customer: 'green' };

export function RoleTag({ role }: { role: Role }) {
  const { t } = useTranslation();
  return (
    <Tag color={colors[role]} variant="filled" style={{ marginInlineEnd: 0 }}>
      {t(`roles.${role}`)}
    </Tag>
  );
}
