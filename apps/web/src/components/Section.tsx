import type { ReactNode } from 'react';
import { Card } from 'antd';

/** A white block inside a page (filter bar, table, form). */
export function Section({ title, extra, children }: { title?: ReactNode; extra?: ReactNode; children: ReactNode }) {
  return (
    <Card title={title} extra={extra} variant="borderless">
      {children}
    </Card>
  );
}
