import { useState } from 'react';
import { Alert, App, Button, Flex, InputNumber, Modal, Typography, Upload } from 'antd';
import { ImportOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { businessCalendarLimits, type BusinessCalendarDto } from '@kefu/contracts';
import { isApiError } from '../../../shared/api/client';
import { problemMessage } from '../../../shared/api/problem-message';
import { businessCalendarsResource, importBusinessCalendarDates } from '../api';

interface Picked {
  name: string;
  format: 'json' | 'ical';
  content: string;
}

/** 导入节假日: a .json (Kefu's shape) or .ics file merged into the calendar's holidays and make-up days. */
export function ImportDatesButton({ calendar }: { calendar: BusinessCalendarDto }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [picked, setPicked] = useState<Picked | null>(null);
  const [year, setYear] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const run = useMutation({
    mutationFn: (p: Picked) => importBusinessCalendarDates(calendar.id, { format: p.format, content: p.content, ...(year ? { year } : {}) }, calendar.version),
    onSuccess: (result) => {
      queryClient.setQueryData([businessCalendarsResource, 'one', calendar.id], result.calendar);
      void queryClient.invalidateQueries({ queryKey: [businessCalendarsResource, 'list'] });
      void message.success(t('businessCalendars.importDone', { holidays: result.holidays, workdays: result.workdays }));
      close();
    },
    onError: (error) => {
      // The server names what in the file it could not use (a line or an entry): show it as written.
      const detail = isApiError(error) && error.code === 'validation_failed' ? error.problem.errors?.map((e) => e.message).join('; ') : undefined;
      setProblem(detail ? `${problemMessage(error, t)} ${detail}` : problemMessage(error, t));
    },
  });

  const close = () => {
    setOpen(false);
    setPicked(null);
    setProblem(null);
    setYear(null);
  };

  const read = async (file: File) => {
    setProblem(null);
    if (file.size > businessCalendarLimits.importBytes) {
      setProblem(t('businessCalendars.importTooBig', { kb: Math.round(businessCalendarLimits.importBytes / 1000) }));
      return;
    }
    const format = /\.(ics|ical|ifb|icalendar)$/i.test(file.name) ? 'ical' : 'json';
    setPicked({ name: file.name, format, content: await file.text() });
  };

  return (
    <>
      <Button icon={<ImportOutlined />} onClick={() => setOpen(true)}>
        {t('businessCalendars.import')}
      </Button>
      <Modal
        open={open}
        title={t('businessCalendars.importTitle')}
        okText={t('businessCalendars.importRun')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: !picked }}
        confirmLoading={run.isPending}
        onOk={() => picked && run.mutate(picked)}
        onCancel={close}
        destroyOnHidden
      >
        <Flex vertical gap={12}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('businessCalendars.importHelp')}</Typography.Paragraph>
          <Upload.Dragger
            accept=".json,.ics,.ical,application/json,text/calendar"
            maxCount={1}
            showUploadList={false}
            beforeUpload={(file) => {
              void read(file);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p className="ant-upload-text">{picked ? picked.name : t('businessCalendars.importPick')}</p>
            <p className="ant-upload-hint">{picked ? t(`businessCalendars.formats.${picked.format}`) : t('businessCalendars.importFormats')}</p>
          </Upload.Dragger>
          <Flex gap={8} align="center" wrap>
            <Typography.Text>{t('businessCalendars.importYear')}</Typography.Text>
            <InputNumber aria-label={t('businessCalendars.importYear')} min={1970} max={2200} precision={0} value={year} onChange={(v) => setYear(v)} placeholder={String(new Date().getFullYear())} />
            <Typography.Text type="secondary">{year ? t('businessCalendars.importYearReplaces', { year }) : t('businessCalendars.importMerges')}</Typography.Text>
          </Flex>
          {problem ? <Alert type="error" showIcon title={problem} /> : null}
        </Flex>
      </Modal>
    </>
  );
}
