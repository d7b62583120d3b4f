import { useState } from 'react';
import { App, Button, Upload, type UploadFile } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '../../../shared/api/problem-message';

export interface UploadedFile {
  id: string;
  filename: string;
}

interface FileUploadProps {
  /** Sends one file and answers its stored id. */
  upload: (file: File, signal: AbortSignal) => Promise<{ id: string; filename: string }>;
  /** Every file uploaded and still listed, in order. */
  onChange: (files: UploadedFile[]) => void;
  /** True while a file is still uploading: the form should wait before sending. */
  onBusyChange?: (busy: boolean) => void;
  max?: number;
  disabled?: boolean;
  label?: string;
}

/**
 * Files uploaded as soon as they are chosen, so sending the form only names them. A failed upload
 * stays listed in red with the server's reason and is never sent.
 */
export function FileUpload({ upload, onChange, onBusyChange, max = 20, disabled, label }: FileUploadProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [files, setFiles] = useState<UploadFile<{ id: string; filename: string }>[]>([]);

  const publish = (list: UploadFile<{ id: string; filename: string }>[]) => {
    setFiles(list);
    onBusyChange?.(list.some((f) => f.status === 'uploading'));
    onChange(list.filter((f) => f.status === 'done' && f.response).map((f) => ({ id: f.response!.id, filename: f.response!.filename })));
  };

  return (
    <Upload<{ id: string; filename: string }>
      multiple
      fileList={files}
      maxCount={max}
      disabled={disabled}
      onChange={({ fileList }) => publish(fileList)}
      customRequest={({ file, onSuccess, onError }) => {
        const controller = new AbortController();
        upload(file as File, controller.signal)
          .then((stored) => onSuccess?.(stored))
          .catch((error: unknown) => {
            const text = problemMessage(error, t);
            void message.error(`${(file as File).name}: ${text}`);
            onError?.(new Error(text));
          });
        return { abort: () => controller.abort() };
      }}
    >
      <Button icon={<PaperClipOutlined />} disabled={disabled}>
        {label ?? t('kb.common.attach')}
      </Button>
    </Upload>
  );
}
