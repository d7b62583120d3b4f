import { Divider, Form, Input, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { createUserBodySchema, limits, staffRoles, updateUserBodySchema, type User } from '@kefu/contracts';
import { localeOptions } from '../../../shared/forms/locale-options';
import { EntitySelect } from '../../../shared/forms/EntitySelect';
import { zodRule } from '../../../shared/forms/zod-rule';
import { teamOptions } from '../../teams/api';

const create = createUserBodySchema.shape;
const update = updateUserBodySchema.shape;

/** Fields of the user drawer; editing adds account switches and an optional password reset. */
export function UserFormFields({ user }: { user: User | null }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="name" label={t('users.name')} rules={[zodRule(create.name, t)]}>
        <Input maxLength={limits.name} autoComplete="off" />
      </Form.Item>
      <Form.Item name="email" label={t('users.email')} rules={[zodRule(create.email, t)]}>
        <Input type="email" maxLength={limits.email} autoComplete="off" />
      </Form.Item>
      <Form.Item name="role" label={t('users.role')} rules={[zodRule(create.role, t)]}>
        <Select options={staffRoles.map((role) => ({ value: role, label: t(`roles.${role}`) }))} />
      </Form.Item>
      {user ? (
        <Form.Item
          name="password"
          label={t('users.resetPassword')}
          extra={t('users.resetPasswordHelp')}
          rules={[zodRule(update.password, t, { emptyIsUnset: true })]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      ) : (
        <Form.Item
          name="password"
          label={t('users.password')}
          extra={t('users.passwordHelp', { min: limits.password.min })}
          rules={[zodRule(create.password, t)]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      )}
      <Form.Item name="locale" label={t('users.locale')} rules={[zodRule(create.locale, t)]}>
        <Select options={localeOptions(t)} />
      </Form.Item>
      <Form.Item name="teamIds" label={t('users.teams')} rules={[zodRule(create.teamIds, t)]}>
        <EntitySelect {...teamOptions} mode="multiple" allowClear />
      </Form.Item>
      {user ? (
        <>
          <Divider />
          <Form.Item name="active" label={t('users.active')} extra={t('users.activeHelp')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="away" label={t('users.away')} extra={t('users.awayHelp')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </>
      ) : null}
    </>
  );
}
