import { Form, Input } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { limits, passwordSchema } from '@kefu/contracts';
import { zodRule } from '../../../shared/forms/zod-rule';

/** A new password typed twice; the server refuses common and guessable ones on top of the length rule. */
export function NewPasswordFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="password" label={t('accounts.fields.newPassword')} extra={t('accounts.fields.passwordHint', { min: limits.password.min })} rules={[zodRule(passwordSchema, t)]}>
        <Input.Password prefix={<LockOutlined />} autoComplete="new-password" maxLength={limits.password.max} />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('accounts.fields.confirmPassword')}
        dependencies={['password']}
        rules={[
          { required: true, message: t('validation.required') },
          ({ getFieldValue }) => ({
            validator: (_, value) => (!value || value === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t('accounts.fields.mismatch')))),
          }),
        ]}
      >
        <Input.Password prefix={<LockOutlined />} autoComplete="new-password" maxLength={limits.password.max} />
      </Form.Item>
    </>
  );
}
