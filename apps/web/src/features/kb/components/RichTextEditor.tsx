import { useEffect, useRef } from 'react';
import { App, Button, Divider, Flex, Tooltip } from 'antd';
import {
  BoldOutlined, ItalicOutlined, LinkOutlined, OrderedListOutlined, PictureOutlined, RedoOutlined, TableOutlined, UndoOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { TableKit } from '@tiptap/extension-table';
import Image from '@tiptap/extension-image';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '../../../shared/api/problem-message';
import { uploadKbAttachment } from '../api';
import '../kb.css';

export interface RichTextEditorProps {
  value: string;
  onChange: (html: string) => void;
  /** Accessible name of the editing area. */
  label: string;
}

function Toolbar({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const file = useRef<HTMLInputElement>(null);
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      bullet: e.isActive('bulletList'),
      ordered: e.isActive('orderedList'),
      table: e.isActive('table'),
      link: e.isActive('link'),
    }),
  });
  const tool = (key: string, title: string, icon: React.ReactNode, active: boolean, run: () => void) => (
    <Tooltip key={key} title={title}>
      <Button size="small" type={active ? 'primary' : 'text'} icon={icon} aria-label={title} aria-pressed={active} onClick={run} />
    </Tooltip>
  );
  const heading = (level: 2 | 3, active: boolean) => (
    <Button key={`h${level}`} size="small" type={active ? 'primary' : 'text'} aria-pressed={active} onClick={() => editor.chain().focus().toggleHeading({ level }).run()}>
      {t(`kb.editor.h${level}`)}
    </Button>
  );
  const upload = async (f: File) => {
    try {
      const stored = await uploadKbAttachment(f);
      editor.chain().focus().setImage({ src: stored.url, alt: stored.filename }).run();
    } catch (error) {
      void message.error(problemMessage(error, t));
    }
  };
  return (
    <Flex gap={2} wrap align="center" style={{ padding: 4, borderBottom: '1px solid var(--ant-color-border-secondary)' }} role="toolbar" aria-label={t('kb.editor.toolbar')}>
      {heading(2, state.h2)}
      {heading(3, state.h3)}
      <Divider orientation="vertical" />
      {tool('bold', t('kb.editor.bold'), <BoldOutlined />, state.bold, () => editor.chain().focus().toggleBold().run())}
      {tool('italic', t('kb.editor.italic'), <ItalicOutlined />, state.italic, () => editor.chain().focus().toggleItalic().run())}
      {tool('bullet', t('kb.editor.bulletList'), <UnorderedListOutlined />, state.bullet, () => editor.chain().focus().toggleBulletList().run())}
      {tool('ordered', t('kb.editor.orderedList'), <OrderedListOutlined />, state.ordered, () => editor.chain().focus().toggleOrderedList().run())}
      {tool('link', t('kb.editor.link'), <LinkOutlined />, state.link, () => {
        if (state.link) {
          editor.chain().focus().unsetLink().run();
          return;
        }
        const href = window.prompt(t('kb.editor.linkPrompt'), 'https://');
        if (href && /^(https?:|mailto:|\/)/i.test(href.trim())) editor.chain().focus().setLink({ href: href.trim() }).run();
      })}
      <Divider orientation="vertical" />
      {tool('image', t('kb.editor.image'), <PictureOutlined />, false, () => file.current?.click())}
      {tool('table', t('kb.editor.table'), <TableOutlined />, state.table, () => editor.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run())}
      {state.table ? (
        <>
          <Button size="small" type="text" onClick={() => editor.chain().focus().addRowAfter().run()}>{t('kb.editor.addRow')}</Button>
          <Button size="small" type="text" onClick={() => editor.chain().focus().addColumnAfter().run()}>{t('kb.editor.addColumn')}</Button>
          <Button size="small" type="text" danger onClick={() => editor.chain().focus().deleteTable().run()}>{t('kb.editor.deleteTable')}</Button>
        </>
      ) : null}
      <Divider orientation="vertical" />
      {tool('undo', t('kb.editor.undo'), <UndoOutlined />, false, () => editor.chain().focus().undo().run())}
      {tool('redo', t('kb.editor.redo'), <RedoOutlined />, false, () => editor.chain().focus().redo().run())}
      <input
        ref={file}
        type="file"
        accept="image/png,image/jpeg,image/gif,image/webp"
        style={{ display: 'none' }}
        aria-hidden
        tabIndex={-1}
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void upload(f);
        }}
      />
    </Flex>
  );
}

/**
 * The article body editor (tiptap): headings, lists, links, images (uploaded as article files),
 * tables. Loaded only on the editor page, so no other page carries ProseMirror.
 */
export function RichTextEditor({ value, onChange, label }: RichTextEditorProps) {
  const editor = useEditor({
    extensions: [StarterKit.configure({ heading: { levels: [2, 3, 4] }, link: { openOnClick: false } }), TableKit, Image],
    content: value,
    editorProps: { attributes: { class: 'kefu-article-body', 'aria-label': label, role: 'textbox', 'aria-multiline': 'true', style: 'min-height: 320px; padding: 12px 16px; outline: none;' } },
    onUpdate: ({ editor: e }) => onChange(e.isEmpty ? '' : e.getHTML()),
  });
  // A restored version or a reload replaces the content; typing never round-trips through here.
  useEffect(() => {
    if (editor && value !== editor.getHTML() && !(value === '' && editor.isEmpty)) editor.commands.setContent(value, { emitUpdate: false });
  }, [editor, value]);
  if (!editor) return null;
  return (
    <div style={{ border: '1px solid var(--ant-color-border)', borderRadius: 8, background: 'var(--ant-color-bg-container)' }}>
      <Toolbar editor={editor} />
      <EditorContent editor={editor} />
    </div>
  );
}
