import { App, Button, Popconfirm, Table, Tag, Typography } from 'antd';
import type { SessionView } from '@zhicheng/contracts';
import { showError } from '../../../lib/api';
import { formatDateTime } from '../../../lib/format';
import { Section } from '../../../components/Section';
import { useEndSession, useSessions } from '../api';

/** Issue 13: 登录设备 — where this account is signed in; any other session can be ended (下线) at once. */
export function SessionsSection() {
  const { data, isLoading } = useSessions();
  const end = useEndSession();
  const { message } = App.useApp();
  return (
    <Section title="登录设备">
      <Typography.Paragraph type="secondary">以下是当前仍有效的登录。若有不认识的设备或地址，请将其下线并修改密码。</Typography.Paragraph>
      <Table<SessionView>
        rowKey="id"
        size="middle"
        loading={isLoading}
        pagination={false}
        dataSource={data ?? []}
        scroll={{ x: 640 }}
        locale={{ emptyText: '暂无其他登录' }}
        columns={[
          { title: '登录时间', dataIndex: 'signedInAt', width: 170, render: (d: string, r) => <>{formatDateTime(d)}{r.current && <Tag color="green" style={{ marginLeft: 8 }}>本机</Tag>}</> },
          { title: '最近活动', dataIndex: 'lastActiveAt', width: 170, render: (d: string) => formatDateTime(d) },
          { title: '地址', dataIndex: 'address', width: 120, render: (a: string | null) => a ?? '—' },
          { title: '浏览器', dataIndex: 'userAgent', ellipsis: true, render: (u: string | null) => u ?? '—' },
          {
            title: '操作',
            key: 'ops',
            width: 90,
            render: (_: unknown, r) =>
              r.current ? null : (
                <Popconfirm
                  title="确定让该设备下线吗？"
                  okText="下线"
                  cancelText="取消"
                  onConfirm={() => end.mutateAsync(r.id).then(() => void message.success('已下线'), (e) => showError(e))}
                >
                  <Button size="small" danger>
                    下线
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
    </Section>
  );
}
