import type { ReactNode } from 'react';
import { Card, Typography } from 'antd';

/** The centred card of the sign-in, registration and recovery pages. */
export function AuthCard({ title, subtitle, width = 440, children }: { title: string; subtitle?: ReactNode; width?: number; children: ReactNode }) {
  return (
    <div className="auth-page">
      <Card className="auth-card" style={{ maxWidth: width }} variant="borderless">
        <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
          {title}
        </Typography.Title>
        {subtitle && (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 24 }}>
            {subtitle}
          </Typography.Paragraph>
        )}
        {children}
      </Card>
    </div>
  );
}
