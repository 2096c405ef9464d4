import { useEffect, type ReactNode } from 'react';
import { Button, Card, Flex, Form, Space } from 'antd';
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';

/** The filter bar above every table: fields in a row, then 查询 / 重置. */
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
  useEffect(() => {
    if (initialValues) form.setFieldsValue(initialValues as never);
  }, [form, initialValues]);
  return (
    <Card variant="borderless" className="filter-bar">
      <Form form={form} layout="inline" onFinish={onSearch} initialValues={initialValues}>
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
                  onSearch(form.getFieldsValue(true) as T);
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
