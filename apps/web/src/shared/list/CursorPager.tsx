import { Button, Flex, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

interface CursorPagerProps {
  page: number;
  count: number;
  hasPrev: boolean;
  hasNext: boolean;
  onPrev: () => void;
  onNext: () => void;
  loading?: boolean;
}

export function CursorPager({ page, count, hasPrev, hasNext, onPrev, onNext, loading }: CursorPagerProps) {
  const { t } = useTranslation();
  if (!hasPrev && !hasNext) {
    return count > 0 ? (
      <Typography.Text type="secondary" style={{ display: 'block', padding: '12px 16px 4px', textAlign: 'right' }}>
        {t('common.rowsOnPage', { count })}
      </Typography.Text>
    ) : null;
  }
  return (
    <Flex justify="flex-end" align="center" gap={12} style={{ padding: '12px 16px 4px' }}>
      <Typography.Text type="secondary">
        {t('common.pageN', { page })} · {t('common.rowsOnPage', { count })}
      </Typography.Text>
      <Button icon={<LeftOutlined />} disabled={!hasPrev || loading} onClick={onPrev}>
        {t('common.prevPage')}
      </Button>
      <Button disabled={!hasNext || loading} onClick={onNext}>
        {t('common.nextPage')}
        <RightOutlined />
      </Button>
    </Flex>
  );
}
