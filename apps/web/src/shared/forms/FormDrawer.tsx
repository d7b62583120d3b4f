import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Drawer, Flex, Form, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '../api/problem-message';
import { applyServerErrors } from './server-errors';

interface FormDrawerProps<V extends object> {
  open: boolean;
  title: string;
  /** Form name: prefixes input ids, so labels stay bound to their inputs. */
  name: string;
  initialValues: Partial<V>;
  /** Top-level field names, to place server field errors on them. */
  fields: readonly string[];
  onSubmit: (values: V) => Promise<unknown>;
  onClose: () => void;
  successMessage: string;
  children: ReactNode | ((form: FormInstance<V>) => ReactNode);
  /** Left side of the footer, e.g. a delete button. */
  footerExtra?: ReactNode;
  width?: number;
}

/** The one create/edit drawer: validates with the contract rules, submits, maps server errors. */
export function FormDrawer<V extends object>(props: FormDrawerProps<V>) {
  const { open, title, name, initialValues, fields, onSubmit, onClose, successMessage, children, footerExtra, width = 560 } = props;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const [submitting, setSubmitting] = useState(false);
  const [banner, setBanner] = useState<string | null>(null);

  const submit = async () => {
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSubmitting(true);
    setBanner(null);
    try {
      await onSubmit(values);
      void message.success(successMessage);
      onClose();
    } catch (error) {
      const unmatched = applyServerErrors(form, error, fields, t);
      const mapped = form.getFieldsError().some((f) => f.errors.length > 0);
      setBanner(mapped && unmatched.length === 0 ? null : [problemMessage(error, t), ...unmatched].join(' '));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Drawer
      open={open}
      title={title}
      onClose={onClose}
      size={width}
      destroyOnHidden
      afterOpenChange={(visible) => !visible && setBanner(null)}
      footer={
        <Flex justify="space-between" align="center">
          <div>{footerExtra}</div>
          <Flex gap={8}>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={submitting} onClick={() => void submit()}>
              {t('common.save')}
            </Button>
          </Flex>
        </Flex>
      }
    >
      {banner ? <Alert type="error" showIcon title={banner} style={{ marginBottom: 16 }} /> : null}
      <Form<V>
        form={form}
        name={name}
        layout="vertical"
        initialValues={initialValues}
        preserve={false}
        requiredMark
      >
        {typeof children === 'function' ? children(form) : children}
      </Form>
    </Drawer>
  );
}
