import { useLocation } from 'react-router';

/** The KB pages live in both consoles; links stay in the console the user is in. */
export function useKbBase(): string {
  const { pathname } = useLocation();
  return pathname.startsWith('/admin') ? '/admin/kb' : '/agent/kb';
}
