import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { Role } from '@zhicheng/contracts';
import { homeOf, useAuth } from '../lib/auth';
import { FullPageSpin } from './FullPageSpin';

/**
 * Route guard: anonymous users go to /login?redirect=…, users of another role go to their own
 * console's home.
 */
export function RequireAccess({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { user, ready } = useAuth();
  const location = useLocation();
  if (!ready) return <FullPageSpin />;
  if (!user) {
    const redirect = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?redirect=${redirect}`} replace />;
  }
  if (!roles.includes(user.role)) return <Navigate to={homeOf(user.role)} replace />;
  return <>{children}</>;
}
