import {
  ApiOutlined,
  AuditOutlined,
  BarChartOutlined,
  BankOutlined,
  BookOutlined,
  CalendarOutlined,
  ContactsOutlined,
  CommentOutlined,
  FormOutlined,
  GlobalOutlined,
  FolderOpenOutlined,
  LineChartOutlined,
  DashboardOutlined,
  InboxOutlined,
  MailOutlined,
  PhoneOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../features/auth/hooks/use-session';
import type { NavGroup } from './shell/AppShell';

export function useAdminNav(): NavGroup[] {
  const { t } = useTranslation();
  return [
    {
      key: 'desk',
      label: t('tickets.navGroup'),
      items: [
        { path: '/agent/tickets', label: t('tickets.nav'), icon: <InboxOutlined aria-hidden /> },
        { path: '/agent/follow-ups', label: t('followUps.nav'), icon: <PhoneOutlined aria-hidden /> },
      ],
    },
    {
      key: 'people',
      label: t('nav.groupPeople'),
      items: [
        { path: '/admin/users', label: t('nav.users'), icon: <UserOutlined aria-hidden /> },
        { path: '/admin/teams', label: t('nav.teams'), icon: <TeamOutlined aria-hidden /> },
      ],
    },
    {
      key: 'crm',
      label: t('nav.groupCrm'),
      items: [
        { path: '/admin/customers', label: t('nav.customers'), icon: <ContactsOutlined aria-hidden /> },
        { path: '/admin/organizations', label: t('nav.organizations'), icon: <BankOutlined aria-hidden /> },
      ],
    },
    {
      key: 'forms',
      label: t('customFields.navGroup'),
      items: [{ path: '/admin/custom-fields', label: t('customFields.nav'), icon: <FormOutlined aria-hidden /> }],
    },
    {
      key: 'service',
      label: t('cannedResponses.navGroup'),
      items: [
        { path: '/admin/canned-responses', label: t('cannedResponses.nav'), icon: <CommentOutlined aria-hidden /> },
        { path: '/admin/business-calendars', label: t('businessCalendars.nav'), icon: <CalendarOutlined aria-hidden /> },
        { path: '/admin/sla-policies', label: t('sla.policies.nav'), icon: <SafetyCertificateOutlined aria-hidden /> },
      ],
    },
    {
      key: 'kb',
      label: t('kb.nav.group'),
      items: [
        { path: '/admin/kb/articles', label: t('kb.nav.articles'), icon: <BookOutlined aria-hidden /> },
        { path: '/admin/kb/categories', label: t('kb.nav.categories'), icon: <FolderOpenOutlined aria-hidden /> },
        { path: '/admin/kb/analytics', label: t('kb.nav.analytics'), icon: <LineChartOutlined aria-hidden /> },
      ],
    },
    {
      key: 'channels',
      label: t('mail.navGroup'),
      items: [
        { path: '/admin/mailboxes', label: t('mail.nav'), icon: <MailOutlined aria-hidden /> },
        { path: '/admin/portal-settings', label: t('accounts.portal.nav'), icon: <GlobalOutlined aria-hidden /> },
      ],
    },
    {
      key: 'reports',
      label: t('reports.navGroup'),
      items: [{ path: '/agent/reports/sla', label: t('reports.sla.nav'), icon: <BarChartOutlined aria-hidden /> }],
    },
    {
      key: 'security',
      label: t('nav.groupSecurity'),
      items: [
        { path: '/admin/audit', label: t('nav.audit'), icon: <AuditOutlined aria-hidden /> },
        { path: '/admin/outbox', label: t('nav.outbox'), icon: <MailOutlined aria-hidden /> },
        { path: '/settings/tokens', label: t('nav.tokens'), icon: <ApiOutlined aria-hidden /> },
      ],
    },
  ];
}

export function useAgentNav(): NavGroup[] {
  const { t } = useTranslation();
  // Supervisors keep the SLA rules but have no admin console: they edit them from here.
  const role = useSession().session?.effectiveRole;
  const slaPolicies = role === 'supervisor' || role === 'admin'
    ? [{ path: '/agent/sla-policies', label: t('sla.policies.nav'), icon: <SafetyCertificateOutlined aria-hidden /> }]
    : [];
  // Agents write articles; supervisors and admins also shape the tree and read the analytics.
  const kbManage = role === 'supervisor' || role === 'admin'
    ? [
        { path: '/agent/kb/categories', label: t('kb.nav.categories'), icon: <FolderOpenOutlined aria-hidden /> },
        { path: '/agent/kb/analytics', label: t('kb.nav.analytics'), icon: <LineChartOutlined aria-hidden /> },
      ]
    : [];
  // Reports compare teams and agents: for supervisors and admins, as the API allows.
  const reports: NavGroup[] = role === 'supervisor' || role === 'admin'
    ? [{ key: 'reports', label: t('reports.navGroup'), items: [{ path: '/agent/reports/sla', label: t('reports.sla.nav'), icon: <BarChartOutlined aria-hidden /> }] }]
    : [];
  return [
    {
      key: 'work',
      items: [
        { path: '/agent/tickets', label: t('tickets.nav'), icon: <InboxOutlined aria-hidden /> },
        { path: '/agent/follow-ups', label: t('followUps.nav'), icon: <PhoneOutlined aria-hidden /> },
        { path: '/agent', label: t('nav.home'), icon: <DashboardOutlined aria-hidden />, exact: true },
        { path: '/agent/canned-responses', label: t('cannedResponses.nav'), icon: <CommentOutlined aria-hidden /> },
        { path: '/agent/kb/articles', label: t('kb.nav.articles'), icon: <BookOutlined aria-hidden /> },
        ...kbManage,
        ...slaPolicies,
      ],
    },
    {
      key: 'crm',
      label: t('nav.groupCrm'),
      items: [
        { path: '/agent/customers', label: t('nav.customers'), icon: <ContactsOutlined aria-hidden /> },
        { path: '/agent/organizations', label: t('nav.organizations'), icon: <BankOutlined aria-hidden /> },
      ],
    },
    ...reports,
    {
      key: 'settings',
      label: t('nav.groupSettings'),
      items: [{ path: '/settings/tokens', label: t('nav.tokens'), icon: <ApiOutlined aria-hidden /> }],
    },
  ];
}
