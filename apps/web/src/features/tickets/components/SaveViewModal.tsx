import { App, Form, Input, Modal, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { createSavedViewBodySchema, type SavedView, type SavedViewScope } from '@kefu/contracts';
import { isApiError } from '../../../shared/api/client';
import { problemMessage } from '../../../shared/api/problem-message';
import { applyServerErrors } from '../../../shared/forms/server-errors';
import { zodRule } from '../../../shared/forms/zod-rule';
import { useCanShareViews, useSavedViewWrites } from '../hooks/use-saved-views';
import { toViewFilters, type QueueFilters } from '../queue-views';

/** What the modal saves: the queue's current filters as a new view, or a new name for a view. */
export type SaveViewTarget = { kind: 'create'; filters: QueueFilters } | { kind: 'rename'; view: SavedView };

interface Values {
  name: string;
  scope: SavedViewScope;
}

const shape = createSavedViewBodySchema.shape;

export function SaveViewModal({ target, onClose, onSaved }: { target: SaveViewTarget | null; onClose: () => void; onSaved: (view: SavedView) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const canShare = useCanShareViews();
  const { create, update } = useSavedViewWrites();
  const creating = target?.kind === 'create';

  const submit = async () => {
    if (!target) return;
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return; // shown on the fields
    }
    try {
      const view = target.kind === 'create'
        ? await create.mutateAsync({ name: values.name.trim(), scope: values.scope, filters: toViewFilters(target.filters) })
        : await update.mutateAsync({ id: target.view.id, body: { name: values.name.trim() } });
      void message.success(t('ticketTools.views.saved', { name: view.name }));
      onSaved(view);
    } catch (error) {
      // A name already used in the same list is a 409 naming `name`; say it in the reader's language.
      if (isApiError(error) && error.status === 409 && error.fieldErrors.some((f) => f.field === 'name')) {
        form.setFields([{ name: 'name', errors: [t('ticketTools.views.nameTaken')] }]);
        return;
      }
      const rest = applyServerErrors(form, error, ['name', 'scope'], t);
      if (!isApiError(error) || error.fieldErrors.length === 0 || rest.length) void message.error([problemMessage(error, t), ...rest].join(' '));
    }
  };

  return (
    <Modal
      open={target !== null}
      title={creating ? t('ticketTools.views.saveTitle') : t('ticketTools.views.renameTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
      onCancel={onClose}
      onOk={() => void submit()}
    >
      <Form<Values>
        form={form}
        name="saved-view"
        layout="vertical"
        preserve={false}
        initialValues={{ name: target?.kind === 'rename' ? target.view.name : '', scope: 'personal' }}
        onFinish={() => void submit()}
      >
        <Form.Item name="name" label={t('ticketTools.views.name')} rules={[zodRule(shape.name, t)]}>
          <Input autoFocus maxLength={80} placeholder={t('ticketTools.views.namePlaceholder')} />
        </Form.Item>
        {creating && canShare ? (
          <Form.Item name="scope" label={t('ticketTools.views.scope')} extra={t('ticketTools.views.sharedHint')}>
            <Radio.Group
              options={[
                { value: 'personal', label: t('ticketTools.views.scopePersonal') },
                { value: 'shared', label: t('ticketTools.views.scopeShared') },
              ]}
            />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
