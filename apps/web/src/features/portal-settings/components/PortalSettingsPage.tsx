import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, ColorPicker, Flex, Form, Input, Radio, Space, Switch, Typography, Upload } from 'antd';
import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { portalLimits, signupModes, type Locale, type PortalSettings, type SignupMode, type UpdatePortalSettingsBody } from '@kefu/contracts';
import { locales } from '../../../i18n';
import { problemMessage } from '../../../shared/api/problem-message';
import { applyServerErrors } from '../../../shared/forms/server-errors';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { BrandMark } from '../../../shared/ui/Brand';
import { portalSettingsKey, updatePortalSettings } from '../api';
import { usePortalSettings } from '../hooks/use-portal-settings';

interface Values {
  name: string;
  primaryColor: string;
  languages: Locale[];
  signupMode: SignupMode;
  loginLinkEnabled: boolean;
}

const fields = ['name', 'logo', 'primaryColor', 'languages', 'signupMode', 'loginLinkEnabled'] as const;
const logoAccept = 'image/png,image/jpeg,image/webp,image/gif,image/svg+xml';

const readAsDataUrl = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });

/** Admin page: the portal's name, logo, colour and languages, and who may open an account. */
export function PortalSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { settings, isSuccess } = usePortalSettings();
  const [form] = Form.useForm<Values>();
  /** undefined: keep the stored logo; null: remove it; a data URL: the new one. */
  const [logo, setLogo] = useState<string | null | undefined>(undefined);
  const [logoError, setLogoError] = useState<string | null>(null);
  const [banner, setBanner] = useState<string | null>(null);

  useEffect(() => {
    if (isSuccess) form.setFieldsValue({ name: settings.name, primaryColor: settings.primaryColor, languages: settings.languages, signupMode: settings.signupMode, loginLinkEnabled: settings.loginLinkEnabled });
  }, [isSuccess, settings, form]);

  const save = useMutation({
    mutationFn: (body: UpdatePortalSettingsBody) => updatePortalSettings(body),
    onSuccess: (saved: PortalSettings) => {
      queryClient.setQueryData(portalSettingsKey, saved);
      setLogo(undefined);
      void message.success(t('accounts.portal.saved'));
    },
    onError: (error) => {
      const rest = applyServerErrors(form, error, fields, t);
      setBanner(rest.length ? rest.join('; ') : problemMessage(error, t));
    },
  });

  const pickLogo = async (file: File) => {
    setLogoError(null);
    if (file.size > portalLimits.logoBytes) return setLogoError(t('accounts.portal.logoTooLarge'));
    setLogo(await readAsDataUrl(file));
  };

  const preview = logo === undefined ? settings.logoUrl : logo;
  const onFinish = (v: Values) => {
    setBanner(null);
    save.mutate({ ...v, ...(logo !== undefined ? { logo } : {}) });
  };

  return (
    <>
      <PageHeader title={t('accounts.portal.title')} description={t('accounts.portal.description')} />
      {banner ? <Alert type="error" showIcon title={banner} role="alert" style={{ marginBottom: 16 }} /> : null}
      <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={onFinish} style={{ maxWidth: 720 }}>
        <Card title={t('accounts.portal.branding')} style={{ marginBottom: 16 }}>
          <Form.Item name="name" label={t('accounts.portal.name')} extra={t('accounts.portal.nameHint')}>
            <Input maxLength={portalLimits.name} placeholder={t('app.name')} />
          </Form.Item>
          <Form.Item label={t('accounts.portal.logo')} extra={t('accounts.portal.logoHint')} validateStatus={logoError ? 'error' : undefined} help={logoError ?? undefined}>
            <Flex align="center" gap={16}>
              <div style={{ width: 96, height: 48, display: 'grid', placeItems: 'center', border: '1px dashed var(--ant-color-border)', borderRadius: 6 }}>
                {preview ? <img src={preview} alt={t('accounts.portal.logo')} style={{ maxWidth: 88, maxHeight: 40 }} data-testid="logo-preview" /> : <BrandMark size={32} />}
              </div>
              <Upload accept={logoAccept} showUploadList={false} beforeUpload={(file) => { void pickLogo(file); return false; }}>
                <Button icon={<UploadOutlined />}>{t('accounts.portal.chooseLogo')}</Button>
              </Upload>
              {preview ? <Button icon={<DeleteOutlined />} onClick={() => setLogo(null)}>{t('accounts.portal.removeLogo')}</Button> : null}
            </Flex>
          </Form.Item>
          <Form.Item name="primaryColor" label={t('accounts.portal.primaryColor')} getValueFromEvent={(color: { toHexString: () => string }) => color.toHexString()}>
            <ColorPicker disabledAlpha showText format="hex" />
          </Form.Item>
          <Form.Item name="languages" label={t('accounts.portal.languages')} extra={t('accounts.portal.languagesHint')} rules={[{ type: 'array', min: 1, message: t('accounts.portal.languagesRequired') }]}>
            <Checkbox.Group options={locales.map((l) => ({ value: l, label: t(`lang.${l}`) }))} />
          </Form.Item>
        </Card>
        <Card title={t('accounts.portal.access')} style={{ marginBottom: 16 }}>
          <Form.Item name="signupMode" label={t('accounts.portal.signupMode')}>
            <Radio.Group>
              <Space direction="vertical">
                {signupModes.map((m) => (
                  <Radio key={m} value={m}>
                    <Typography.Text>{t(`accounts.portal.signup.${m}`)}</Typography.Text>
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{t(`accounts.portal.signup.${m}Hint`)}</Typography.Text>
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="loginLinkEnabled" label={t('accounts.portal.loginLink')} extra={t('accounts.portal.loginLinkHint')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Card>
        <Button type="primary" htmlType="submit" loading={save.isPending}>{t('common.save')}</Button>
      </Form>
    </>
  );
}
