import { App, Button, Result, Table, Tag } from 'antd';
import { DECLARATION_KIND_LABELS, TITLE_LEVEL_LABELS, type DeclarationKind, type TitleLevel } from '@zhicheng/contracts';
import { showError } from '../../../lib/api';
import { useCurrentUser } from '../../../lib/auth';
import { formatDateTime } from '../../../lib/format';
import { PageContainer } from '../../../components/PageContainer';
import { Section } from '../../../components/Section';
import { useConfirmLevel, useConfirmations, type Confirmation } from '../api';
import { useSeriesName } from '../components/ScopeFields';

/** C-11 审核层级配置单位确认: the committee confirms the audit levels reporting to it, per scope. */
export function LevelConfirmPage() {
  const user = useCurrentUser();
  const committeeId = user.organisation?.type === 'committee' ? user.organisation.id : null;
  if (!committeeId) return <Result status="403" title="仅评委会经办人可确认审核层级配置" />;
  return <Confirmations committeeId={committeeId} />;
}

function Confirmations({ committeeId }: { committeeId: string }) {
  const { data, isFetching } = useConfirmations(committeeId);
  const confirm = useConfirmLevel(committeeId);
  const { message } = App.useApp();
  const seriesName = useSeriesName();
  return (
    <PageContainer title="审核层级配置确认" description="核对各申报类型、系列、等级下向本评委会上报的审核层级配置，无误后确认；配置变更后需重新确认。">
      <Section>
        <Table<Confirmation>
          rowKey={(r) => `${r.kind}|${r.seriesCode}|${r.titleLevel}`}
          loading={isFetching}
          dataSource={data ?? []}
          locale={{ emptyText: '暂无审核层级配置' }}
          pagination={false}
          columns={[
            { title: '申报类型', dataIndex: 'kind', render: (k: DeclarationKind) => DECLARATION_KIND_LABELS[k] },
            { title: '职称系列', dataIndex: 'seriesCode', render: seriesName },
            { title: '职称等级', dataIndex: 'titleLevel', render: (l: TitleLevel) => TITLE_LEVEL_LABELS[l] },
            { title: '下级单位数', dataIndex: 'edges' },
            { title: '最近变更', dataIndex: 'changedAt', render: (d: string) => formatDateTime(d) },
            {
              title: '确认状态',
              dataIndex: 'confirmed',
              render: (c: boolean, r) => (c ? <Tag color="success">已确认</Tag> : <Tag color="warning">{r.confirmedAt ? '变更后待确认' : '待确认'}</Tag>),
            },
            { title: '确认时间', dataIndex: 'confirmedAt', render: (d: string | null) => formatDateTime(d) || '—' },
            {
              title: '操作',
              key: 'actions',
              render: (_: unknown, r) => (
                <Button
                  type="link"
                  size="small"
                  disabled={r.confirmed}
                  onClick={() =>
                    confirm.mutate(
                      { kind: r.kind, seriesCode: r.seriesCode, titleLevel: r.titleLevel },
                      { onSuccess: () => void message.success('确认成功'), onError: (e) => showError(e) },
                    )
                  }
                >
                  确认
                </Button>
              ),
            },
          ]}
        />
      </Section>
    </PageContainer>
  );
}
