import { useState } from 'react';
import { App, Button, Card, Empty, Flex, Form, Input, Modal, Popconfirm, Tooltip, TreeSelect, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined, FolderOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '../../../shared/api/problem-message';
import { applyServerErrors } from '../../../shared/forms/server-errors';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { createKbCategory, deleteKbCategory, kbResource, moveKbCategory, updateKbCategory } from '../api';
import { flattenTree, type CategoryNode } from '../category-tree';
import { useKbCategories } from '../hooks/use-kb-categories';

interface Values {
  name: string;
  description?: string | null;
  parentId?: string | null;
}
type Editing = { mode: 'create'; parentId: string | null } | { mode: 'edit'; node: CategoryNode };

/** The category tree: create, rename, move under another parent, reorder among siblings, delete. */
export function KbCategoriesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { tree, query } = useKbCategories();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [form] = Form.useForm<Values>();
  const nodes = flattenTree(tree);
  const done = () => void queryClient.invalidateQueries({ queryKey: [kbResource] });
  const fail = (error: unknown) => void message.error(problemMessage(error, t));

  const save = useMutation({
    mutationFn: async (v: Values) => {
      if (editing?.mode === 'create') return createKbCategory({ name: v.name, description: v.description || null, parentId: editing.parentId });
      const node = (editing as { node: CategoryNode }).node;
      const updated = await updateKbCategory(node.id, { name: v.name, description: v.description || null });
      const parentId = v.parentId ?? null;
      // Moving under another parent places it last there.
      if (parentId !== node.parentId) return moveKbCategory(node.id, { parentId, position: 100_000 });
      return updated;
    },
    onSuccess: () => {
      setEditing(null);
      done();
      void message.success(t('common.saved'));
    },
    onError: (error) => {
      applyServerErrors(form, error, ['name', 'description', 'parentId'], t);
      fail(error);
    },
  });
  const move = useMutation({ mutationFn: (a: { node: CategoryNode; position: number }) => moveKbCategory(a.node.id, { parentId: a.node.parentId, position: a.position }), onSuccess: done, onError: fail });
  const remove = useMutation({ mutationFn: (id: string) => deleteKbCategory(id), onSuccess: done, onError: fail });

  const open = (next: Editing) => {
    setEditing(next);
    form.setFieldsValue(next.mode === 'edit'
      ? { name: next.node.name, description: next.node.description, parentId: next.node.parentId }
      : { name: '', description: '', parentId: next.parentId });
  };
  const siblings = (n: CategoryNode) => nodes.filter((x) => x.parentId === n.parentId);
  // A category cannot move under itself or its own descendants.
  const below = (n: CategoryNode): Set<string> => new Set([n.id, ...flattenTree(n.children).map((c) => c.id)]);
  const parentChoices = editing?.mode === 'edit' ? nodes.filter((x) => !below(editing.node).has(x.id)) : nodes;

  return (
    <>
      <PageHeader title={t('kb.categories.title')} description={t('kb.categories.description')}
        extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => open({ mode: 'create', parentId: null })}>{t('kb.categories.create')}</Button>} />
      <Card loading={query.isPending}>
        {nodes.length === 0 ? <Empty description={t('kb.categories.empty')} /> : nodes.map((n) => {
          const sibs = siblings(n);
          const index = sibs.findIndex((s) => s.id === n.id);
          return (
            <Flex key={n.id} align="center" justify="space-between" gap={8} data-testid="kb-category-row"
              style={{ padding: '8px 0', paddingInlineStart: n.depth * 28, borderBottom: '1px solid var(--ant-color-border-secondary)' }}>
              <Flex gap={8} align="center">
                <FolderOutlined />
                <Typography.Text strong>{n.name}</Typography.Text>
                <Typography.Text type="secondary">{t('kb.portal.articleCount', { count: n.articleCount })}</Typography.Text>
              </Flex>
              <Flex gap={4}>
                <Tooltip title={t('kb.categories.up')}><Button size="small" type="text" icon={<ArrowUpOutlined />} aria-label={t('kb.categories.up')} disabled={index <= 0} onClick={() => move.mutate({ node: n, position: index - 1 })} /></Tooltip>
                <Tooltip title={t('kb.categories.down')}><Button size="small" type="text" icon={<ArrowDownOutlined />} aria-label={t('kb.categories.down')} disabled={index >= sibs.length - 1} onClick={() => move.mutate({ node: n, position: index + 1 })} /></Tooltip>
                <Tooltip title={t('kb.categories.addChild')}><Button size="small" type="text" icon={<PlusOutlined />} aria-label={t('kb.categories.addChild')} onClick={() => open({ mode: 'create', parentId: n.id })} /></Tooltip>
                <Tooltip title={t('common.edit')}><Button size="small" type="text" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => open({ mode: 'edit', node: n })} /></Tooltip>
                <Popconfirm title={t('kb.categories.deleteConfirm', { name: n.name })} onConfirm={() => remove.mutate(n.id)}>
                  <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                </Popconfirm>
              </Flex>
            </Flex>
          );
        })}
      </Card>
      <Modal
        open={editing !== null}
        title={editing?.mode === 'edit' ? t('kb.categories.edit') : t('kb.categories.create')}
        okText={t('common.save')}
        confirmLoading={save.isPending}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        <Form<Values> form={form} layout="vertical" name="kb-category" onFinish={(v) => save.mutate(v)}>
          <Form.Item name="name" label={t('kb.categories.name')} rules={[{ required: true, whitespace: true, message: t('kb.categories.nameRequired') }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="description" label={t('kb.categories.descriptionField')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} />
          </Form.Item>
          {editing?.mode === 'edit' ? (
            <Form.Item name="parentId" label={t('kb.categories.parent')}>
              <TreeSelect allowClear placeholder={t('kb.categories.topLevel')} treeData={parentChoices.map((c) => ({ value: c.id, title: `${'　'.repeat(c.depth)}${c.name}` }))} />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </>
  );
}
