import type { RouteObject } from 'react-router';
import { CheckEmailPage } from './components/CheckEmailPage';
import { LoginLinkPage } from './components/LoginLinkPage';
import { LoginPage } from './components/LoginPage';
import { AcceptInvitationPage, ForgotPasswordPage, ResetPasswordPage } from './components/PasswordPages';
import { SignUpPage } from './components/SignUpPage';
import { VerifyPage } from './components/VerifyPage';

export const authRoutes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  { path: '/signup', element: <SignUpPage /> },
  { path: '/check-email', element: <CheckEmailPage /> },
  { path: '/verify', element: <VerifyPage /> },
  { path: '/forgot-password', element: <ForgotPasswordPage /> },
  { path: '/reset-password', element: <ResetPasswordPage /> },
  { path: '/login-link', element: <LoginLinkPage /> },
  { path: '/accept-invitation', element: <AcceptInvitationPage /> },
];
