import { useEffect, type ReactNode } from 'react';
import { Button, Card, Flex, Form, Space } from 'antd';
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { refreshLiveQueries } from '../lib/query-client';

/**
 * The filter bar above every table: fields in a row, then 查询 / 重置. 查询 always asks the server again, also with
 * unchanged filters (issue 15): after the page took the new filters, the lists on screen are refreshed — a list whose
 * filters changed is already loading and is not asked twice.
 */
export function FilterBar<T extends object>({
  initialValues,
  onSearch,
  children,
}: {
  initialValues?: Partial<T>;
  onSearch: (values: T) => void;
  children: ReactNode;
}) {
  const [form] = Form.useForm<T>();
  const search = (values: T) => {
    onSearch(values);
    setTimeout(() => void refreshLiveQueries(), 0);
  };
  // Applied again only when their content changes: callers pass a literal, a new object at every render, and a page
  // that polls re-renders every second — comparing by identity reset the user's choice before 查询 (found by CI).
  const initialKey = initialValues ? JSON.stringify(initialValues) : '';
  useEffect(() => {
    if (initialKey) form.setFieldsValue(JSON.parse(initialKey) as never);
  }, [form, initialKey]);
  return (
    <Card variant="borderless" className="filter-bar">
      <Form form={form} layout="inline" onFinish={search} initialValues={initialValues}>
        <Flex wrap gap={12} style={{ width: '100%' }}>
          {children}
          <Form.Item style={{ marginInlineEnd: 0 }}>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                查询
              </Button>
              <Button
                icon={<ReloadOutlined />}
                onClick={() => {
                  form.resetFields();
                  search(form.getFieldsValue(true) as T);
                }}
              >
                重置
              </Button>
            </Space>
          </Form.Item>
        </Flex>
      </Form>
    </Card>
  );
}
