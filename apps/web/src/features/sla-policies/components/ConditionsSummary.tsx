import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SlaConditions } from '@kefu/contracts';

/** A policy's conditions in a table cell: one tag per value, or "every ticket" when it has none. */
export function ConditionsSummary({ conditions: c }: { conditions: SlaConditions }) {
  const { t } = useTranslation();
  const tags: string[] = [
    ...(c.priorities ?? []).map((v) => t(`tickets.priority.${v}`)),
    ...(c.types ?? []).map((v) => t(`tickets.type.${v}`)),
    ...(c.channels ?? []).map((v) => t(`tickets.channel.${v}`)),
    ...(c.customerTiers ?? []).map((v) => t(`sla.tiers.${v}`)),
    ...(c.complaintCategories ?? []).map((v) => t(`tickets.category.${v}`)),
    ...(c.complaintImpacts ?? []).map((v) => t(`tickets.impact.${v}`)),
    ...(c.organizationIds?.length ? [t('sla.conditions.organizationCount', { count: c.organizationIds.length })] : []),
    ...(c.tags ?? []).map((v) => `#${v}`),
  ];
  if (tags.length === 0) return <Typography.Text type="secondary">{t('sla.conditions.everyTicket')}</Typography.Text>;
  return (
    <Flex gap={4} wrap style={{ maxWidth: 280 }}>
      {tags.map((text, i) => <Tag key={`${text}-${i}`} style={{ marginInlineEnd: 0 }}>{text}</Tag>)}
    </Flex>
  );
}
