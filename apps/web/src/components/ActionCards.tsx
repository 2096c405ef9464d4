import type { ReactNode } from 'react';
import { Card, Col, Row, Typography } from 'antd';
import { useNavigate } from 'react-router';

export interface ActionCard {
  to: string;
  title: string;
  description: string;
  icon: ReactNode;
}

/** A grid of the console's available actions on its home page. */
export function ActionCards({ items }: { items: ActionCard[] }) {
  const navigate = useNavigate();
  return (
    <Row gutter={[16, 16]}>
      {items.map((a) => (
        <Col key={a.to} xs={24} sm={12} lg={8}>
          <Card hoverable variant="borderless" onClick={() => navigate(a.to)} className="action-card">
            <div className="action-card-icon">{a.icon}</div>
            <Typography.Title level={5} style={{ margin: '12px 0 4px' }}>
              {a.title}
            </Typography.Title>
            <Typography.Text type="secondary">{a.description}</Typography.Text>
          </Card>
        </Col>
      ))}
    </Row>
  );
}
