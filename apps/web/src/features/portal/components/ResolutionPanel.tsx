import { Alert, App, Button, Flex, Typography } from 'antd';
import { CheckCircleOutlined, RedoOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '@kefu/contracts';
import { problemMessage } from '../../../shared/api/problem-message';
import { updateTicket } from '../../tickets/api';

/**
 * A resolved request asks the customer to confirm (the request closes) or to say it is not solved
 * (it reopens): the only status moves the server allows a customer.
 */
export function ResolutionPanel({ ticket, onChanged }: { ticket: Ticket; onChanged: (next: Ticket) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const move = useMutation({
    mutationFn: (status: 'closed' | 'open') => updateTicket(ticket.id, { status }, ticket.version),
    onSuccess: (next) => {
      onChanged(next);
      void message.success(t(next.status === 'closed' ? 'kb.resolution.confirmed' : 'kb.resolution.reopened'));
    },
    onError: (error) => void message.error(problemMessage(error, t)),
  });
  if (ticket.status !== 'resolved') return null;
  return (
    <Alert
      type="success"
      showIcon
      data-testid="resolution-panel"
      style={{ marginBottom: 16 }}
      title={t('kb.resolution.title')}
      description={
        <Flex vertical gap={8}>
          <Typography.Text>{t('kb.resolution.hint')}</Typography.Text>
          <Flex gap={8} wrap>
            <Button type="primary" icon={<CheckCircleOutlined />} loading={move.isPending && move.variables === 'closed'} onClick={() => move.mutate('closed')}>
              {t('kb.resolution.confirm')}
            </Button>
            <Button icon={<RedoOutlined />} loading={move.isPending && move.variables === 'open'} onClick={() => move.mutate('open')}>
              {t('kb.resolution.reopen')}
            </Button>
          </Flex>
        </Flex>
      }
    />
  );
}
