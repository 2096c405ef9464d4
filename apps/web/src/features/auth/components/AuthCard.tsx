import type { ReactNode } from 'react';
import { Panel } from '../../../components/Panel';

/** The centred card of the sign-in, registration and recovery pages. */
export function AuthCard({ title, subtitle, width = 440, children }: { title: string; subtitle?: ReactNode; width?: number; children: ReactNode }) {
  return (
    <div className="auth-page">
      <Panel className="auth-card" style={{ maxWidth: width }}>
        <h3 className="auth-title">{title}</h3>
        {subtitle && <div className="auth-subtitle">{subtitle}</div>}
        {children}
      </Panel>
    </div>
  );
}
