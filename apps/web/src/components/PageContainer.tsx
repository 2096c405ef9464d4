import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';

/** The one page anatomy: title (+ description, actions), then the page's cards. */
export function PageContainer({
  title,
  description,
  extra,
  children,
}: {
  title: string;
  description?: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="page">
      <Flex justify="space-between" align="flex-start" className="page-header" gap={16}>
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {description && (
            <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
              {description}
            </Typography.Paragraph>
          )}
        </div>
        {extra && <div>{extra}</div>}
      </Flex>
      <Flex vertical gap={16}>
        {children}
      </Flex>
    </div>
  );
}
