import { Tag, Tooltip } from 'antd';
import { RiseOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

const colors = ['default', 'orange', 'volcano', 'magenta'] as const;

/** 升级 L1/L2/L3: who the ticket has been raised to (team supervisor, manager, top management). */
export function EscalationTag({ level }: { level: number }) {
  const { t } = useTranslation();
  if (level <= 0) return null;
  const shown = Math.min(level, 3) as 1 | 2 | 3;
  return (
    <Tooltip title={t(`sla.escalation.levelHelp.${shown}`)}>
      <Tag color={colors[shown]} icon={<RiseOutlined />} style={{ marginInlineEnd: 0 }} data-testid="escalation-tag" data-level={level}>
        {t('sla.escalation.tag', { level })}
      </Tag>
    </Tooltip>
  );
}
