import { useState } from 'react';
import { Button, Card, Col, Row, Typography } from 'antd';
import { FileTextOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../auth/hooks/use-session';
import { ProfileModal } from '../../profile/components/ProfileModal';
import { MyRequestsList } from './MyRequestsList';

/** A customer's start page in the self-service portal. */
export function PortalHomePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [profileOpen, setProfileOpen] = useState(false);
  return (
    <>
      <div style={{ padding: '40px 0 28px' }}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('portal.welcome', { name: me.name })}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ fontSize: 16, marginTop: 8 }}>
          {t('portal.intro')}
        </Typography.Paragraph>
      </div>
      <Row gutter={[20, 20]}>
        <Col xs={24} lg={16}>
          <Card
            title={
              <span>
                <FileTextOutlined style={{ marginInlineEnd: 8, color: 'var(--ant-color-primary)' }} />
                {t('portal.myRequests')}
              </span>
            }
          >
            <MyRequestsList />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card
            title={
              <span>
                <UserOutlined style={{ marginInlineEnd: 8, color: 'var(--ant-color-primary)' }} />
                {t('portal.account')}
              </span>
            }
          >
            <Typography.Paragraph type="secondary">{t('portal.accountHint')}</Typography.Paragraph>
            <Typography.Paragraph>
              <Typography.Text strong>{me.name}</Typography.Text>
              <br />
              <Typography.Text type="secondary">{me.email}</Typography.Text>
            </Typography.Paragraph>
            <Button onClick={() => setProfileOpen(true)}>{t('nav.profile')}</Button>
          </Card>
        </Col>
      </Row>
      <ProfileModal open={profileOpen} onClose={() => setProfileOpen(false)} />
    </>
  );
}
