import { Flex, Tag, Tooltip, Typography } from 'antd';
import { CheckCircleOutlined, ClockCircleOutlined, ExclamationCircleOutlined, PauseCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TicketSla } from '@kefu/contracts';
import { formatDateTime } from '../../../shared/ui/format';
import { useSecondTick } from '../hooks/use-second-tick';
import { useSlaTargetMinutes } from '../hooks/use-sla-policies';
import { byUrgency, countdownText, liveTargets, type LiveTarget } from '../sla-time';

function colorOf(t: LiveTarget): string {
  if (t.state === 'breached') return 'red';
  if (t.state === 'met') return 'green';
  if (t.state === 'paused') return 'default';
  return t.urgent ? 'orange' : 'blue';
}

function iconOf(t: LiveTarget) {
  if (t.state === 'breached') return <ExclamationCircleOutlined />;
  if (t.state === 'met') return <CheckCircleOutlined />;
  if (t.state === 'paused') return <PauseCircleOutlined />;
  return <ClockCircleOutlined />;
}

function TargetTag({ target, policyName, short }: { target: LiveTarget; policyName: string; short: boolean }) {
  const { t } = useTranslation();
  const name = t(short ? `sla.targetShort.${target.target}` : `sla.target.${target.target}`);
  const details = [
    `${t(`sla.target.${target.target}`)} · ${policyName}`,
    target.businessTime ? t('sla.businessTimeHint') : t('sla.calendarTimeHint'),
    target.metAt ? t('sla.metAt', { at: formatDateTime(target.metAt) }) : target.dueAt ? t('sla.dueAt', { at: formatDateTime(target.dueAt) }) : null,
  ].filter(Boolean);
  return (
    <Tooltip title={<div style={{ whiteSpace: 'pre-line' }}>{details.join('\n')}</div>}>
      <Tag
        color={colorOf(target)}
        icon={iconOf(target)}
        style={{ marginInlineEnd: 0, fontVariantNumeric: 'tabular-nums' }}
        data-testid="sla-badge"
        data-target={target.target}
        data-state={target.state}
        data-urgent={target.urgent}
      >
        {name} · {countdownText(target, t)}
      </Tag>
    </Tooltip>
  );
}

interface SlaBadgeProps {
  sla: TicketSla | null;
  /** Every target (the ticket page) or only the one that asks for attention first (the queue). */
  all?: boolean;
}

/** The SLA countdown of a ticket, ticking every second, coloured by state. */
export function SlaBadge({ sla, all = false }: SlaBadgeProps) {
  const now = useSecondTick();
  const minutesOf = useSlaTargetMinutes();
  if (!sla || sla.targets.length === 0) return null;
  const targets = liveTargets(sla, now, minutesOf);
  if (!all) {
    const first = byUrgency(targets)[0]!;
    return <TargetTag target={first} policyName={sla.policyName} short />;
  }
  return (
    <Flex gap={6} wrap>
      {targets.map((target) => <TargetTag key={target.target} target={target} policyName={sla.policyName} short={false} />)}
    </Flex>
  );
}

/** The ticket page's SLA card: the policy that applies and each of its targets. */
export function SlaTargetsList({ sla }: { sla: TicketSla | null }) {
  const { t } = useTranslation();
  if (!sla) return <Typography.Text type="secondary">{t('sla.noPolicy')}</Typography.Text>;
  return (
    <Flex vertical gap={8}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('sla.policyLine', { name: sla.policyName })}</Typography.Text>
      <Flex vertical gap={6} align="flex-start">
        <SlaBadge sla={sla} all />
      </Flex>
    </Flex>
  );
}
