import { App, Button, Popconfirm } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Customer } from '@kefu/contracts';
import { isApiError } from '../../../shared/api/client';
import { problemMessage } from '../../../shared/api/problem-message';
import { inviteCustomer } from '../api';

/** Admin action on a customer: mail an invitation to the portal at the customer's first address. */
export function InviteToPortalButton({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const invite = useMutation({
    mutationFn: () => inviteCustomer(customer.id),
    onSuccess: (r) => void message.success(t('accounts.portal.invite.sent', { email: r.email })),
    onError: (error) => void message.error(
      isApiError(error) && error.code === 'already_exists' ? t('accounts.portal.invite.hasAccount') : problemMessage(error, t),
    ),
  });
  const email = customer.emails[0];
  if (!email) return null;
  return (
    <Popconfirm title={t('accounts.portal.invite.confirm', { email })} okText={t('accounts.portal.invite.action')} cancelText={t('common.cancel')} onConfirm={() => invite.mutate()}>
      <Button type="link" size="small" icon={<SendOutlined />} loading={invite.isPending}>{t('accounts.portal.invite.action')}</Button>
    </Popconfirm>
  );
}
