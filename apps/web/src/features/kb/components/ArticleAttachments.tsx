import { useState } from 'react';
import { Button, Flex, Form, List, Typography } from 'antd';
import { DeleteOutlined, DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { KbAttachment } from '@kefu/contracts';
import { FileUpload, type UploadedFile } from '../../portal/components/FileUpload';
import { uploadKbAttachment } from '../api';
import { formatBytes } from '../format';

interface ArticleAttachmentsProps {
  existing: readonly KbAttachment[];
  ids: readonly string[];
  onChange: (ids: string[]) => void;
  onBusyChange?: (busy: boolean) => void;
}

/** The article's documents (PDF, Office, images) with their download counts; new ones upload now and attach on save. */
export function ArticleAttachments({ existing, ids, onChange, onBusyChange }: ArticleAttachmentsProps) {
  const { t } = useTranslation();
  const [added, setAdded] = useState<UploadedFile[]>([]);
  const kept = existing.filter((a) => ids.includes(a.id));
  const publish = (keptIds: string[], fresh: UploadedFile[]) => onChange([...keptIds, ...fresh.map((f) => f.id)]);
  return (
    <Form.Item label={t('kb.article.attachments')} extra={t('kb.editor.attachmentsHint')}>
      {kept.length ? (
        <List
          size="small"
          bordered
          style={{ marginBottom: 8 }}
          dataSource={kept}
          renderItem={(a) => (
            <List.Item
              actions={[
                <Button key="remove" size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')}
                  onClick={() => publish(kept.filter((k) => k.id !== a.id).map((k) => k.id), added)} />,
              ]}
            >
              <Flex gap={8} align="center" wrap>
                <a href={a.url}><DownloadOutlined /> {a.filename}</a>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatBytes(a.size)} · {t('kb.article.downloads', { count: a.downloadCount })}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      ) : null}
      <FileUpload
        upload={uploadKbAttachment}
        max={30}
        label={t('kb.editor.addFiles')}
        onBusyChange={onBusyChange}
        onChange={(files) => {
          setAdded(files);
          publish(kept.map((k) => k.id), files);
        }}
      />
    </Form.Item>
  );
}
