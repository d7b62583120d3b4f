import type { ReactNode } from 'react';
import { Card, Col, Form, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { complaintCategories, complaintImpacts, customerTiers, ticketChannels, ticketPriorities, ticketTypes } from '@kefu/contracts';
import { EntitySelect } from '../../../shared/forms/EntitySelect';
import { TagsInput } from '../../../shared/forms/TagsInput';
import { organizationOptions } from '../../organizations/api';

const multi = { mode: 'multiple' as const, allowClear: true, maxTagCount: 'responsive' as const, showSearch: { optionFilterProp: 'label' } };

/** 适用条件: every list given must match (any of its values); an empty list matches everything. */
export function ConditionsFields() {
  const { t } = useTranslation();
  const any = t('sla.conditions.any');
  const item = (name: string, label: string, control: ReactNode) => (
    <Col xs={24} md={12}>
      <Form.Item name={['conditions', name]} label={label}>
        {control}
      </Form.Item>
    </Col>
  );
  return (
    <Card title={t('sla.conditions.title')} extra={<Typography.Text type="secondary">{t('sla.conditions.help')}</Typography.Text>}>
      <Row gutter={16}>
        {item('priorities', t('tickets.fields.priority'), <Select {...multi} placeholder={any} options={ticketPriorities.map((v) => ({ value: v, label: t(`tickets.priority.${v}`) }))} />)}
        {item('types', t('tickets.fields.type'), <Select {...multi} placeholder={any} options={ticketTypes.map((v) => ({ value: v, label: t(`tickets.type.${v}`) }))} />)}
        {item('channels', t('sla.conditions.channels'), <Select {...multi} placeholder={any} options={ticketChannels.map((v) => ({ value: v, label: t(`tickets.channel.${v}`) }))} />)}
        {item('customerTiers', t('sla.conditions.customerTiers'), <Select {...multi} placeholder={any} options={customerTiers.map((v) => ({ value: v, label: t(`sla.tiers.${v}`) }))} />)}
        {item('complaintCategories', t('tickets.complaint.category'), <Select {...multi} placeholder={any} options={complaintCategories.map((v) => ({ value: v, label: t(`tickets.category.${v}`) }))} />)}
        {item('complaintImpacts', t('tickets.complaint.impact'), <Select {...multi} placeholder={any} options={complaintImpacts.map((v) => ({ value: v, label: t(`tickets.impact.${v}`) }))} />)}
        {item('organizationIds', t('sla.conditions.organizations'), <EntitySelect {...organizationOptions} mode="multiple" allowClear placeholder={any} aria-label={t('sla.conditions.organizations')} />)}
        {item('tags', t('tickets.fields.tags'), <TagsInput placeholder={any} />)}
      </Row>
    </Card>
  );
}
