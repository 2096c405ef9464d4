import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Radio, Space, Tag, Typography } from 'antd';
import { chinaYear } from '@zhicheng/contracts';
import { ImportWizard } from '../../../components/ImportWizard';
import { showError } from '../../../lib/api';
import { useCalendarYear, useClearCalendarDay, useSetCalendarDay, type CalendarDayView } from '../api';

const WEEK = ['一', '二', '三', '四', '五', '六', '日'];

const SOURCE_LABEL: Record<CalendarDayView['source'], string> = {
  holiday: '法定节假日',
  makeup: '调休上班',
  weekend: '周末',
  weekday: '工作日',
  office: '人工设定',
};

function cellStyle(d: CalendarDayView): React.CSSProperties {
  const base: React.CSSProperties = { height: 30, lineHeight: '14px', fontSize: 12, textAlign: 'center', cursor: 'pointer', borderRadius: 4, padding: '2px 0' };
  if (!d.working) return { ...base, background: d.source === 'weekend' ? '#f5f5f5' : '#fff1f0', color: d.source === 'weekend' ? '#8c8c8c' : '#cf1322', outline: d.source === 'office' ? '1px dashed #cf1322' : undefined };
  if (d.source === 'makeup' || (d.source === 'office' && d.working)) return { ...base, background: '#e6f4ff', color: '#0958d9', outline: d.source === 'office' ? '1px dashed #0958d9' : undefined };
  return base;
}

function Month({ month, days, onPick }: { month: number; days: CalendarDayView[]; onPick: (d: CalendarDayView) => void }) {
  const first = new Date(`${days[0].date}T00:00:00Z`).getUTCDay();
  const pad = (first + 6) % 7;
  return (
    <Card size="small" title={`${month}月`} data-testid={`month-${month}`}>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2 }}>
        {WEEK.map((w) => (
          <div key={w} style={{ textAlign: 'center', fontSize: 12, color: '#8c8c8c' }}>
            {w}
          </div>
        ))}
        {Array.from({ length: pad }, (_, i) => (
          <div key={`p${i}`} />
        ))}
        {days.map((d) => (
          <div key={d.date} style={cellStyle(d)} title={`${d.date} ${d.working ? '工作日' : '休息日'}${d.name ? `·${d.name}` : ''}（${SOURCE_LABEL[d.source]}）`} data-testid={`day-${d.date}`} data-working={d.working} onClick={() => onPick(d)}>
            {Number(d.date.slice(8))}
            <div style={{ fontSize: 10 }}>{d.source === 'holiday' || (d.source === 'office' && !d.working) ? '休' : d.source === 'makeup' || (d.source === 'office' && d.working) ? '班' : ''}</div>
          </div>
        ))}
      </div>
    </Card>
  );
}

/** A-29 工作日历: the year's working days, holidays and 调休 make-up days; the provincial office edits and imports days. */
export function CalendarPage() {
  const [year, setYear] = useState(() => chinaYear());
  const { data, isLoading } = useCalendarYear(year);
  const [editing, setEditing] = useState<CalendarDayView | null>(null);
  const [form] = Form.useForm<{ working: boolean; name?: string }>();
  const setDay = useSetCalendarDay();
  const clearDay = useClearCalendarDay();
  const { message } = App.useApp();
  const months = useMemo(() => {
    const out: CalendarDayView[][] = Array.from({ length: 12 }, () => []);
    for (const d of data?.days ?? []) out[Number(d.date.slice(5, 7)) - 1].push(d);
    return out;
  }, [data]);
  const open = (d: CalendarDayView) => {
    setEditing(d);
    form.setFieldsValue({ working: d.working, name: d.name ?? '' });
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title="工作日历"
        extra={
          <Space>
            <Button onClick={() => setYear(year - 1)}>上一年</Button>
            <InputNumber aria-label="年度" min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
            <Button onClick={() => setYear(year + 1)}>下一年</Button>
            <ImportWizard kind="calendar" title="工作日历" />
          </Space>
        }
        loading={isLoading}
      >
        <Typography.Paragraph type="secondary">
          所有公示期、补正期限和“N个工作日”均按本日历计算：法定节假日和调休上班日以国务院办公厅每年发布的安排（chinese-days 数据）为基础，省级职称管理部门可逐日调整或按年导入。点击日期可修改。
        </Typography.Paragraph>
        {data && (
          <Space wrap>
            <Tag>{data.year} 年共 {data.workingDays} 个工作日</Tag>
            <Tag color="blue">人工设定 {data.officeDays} 天</Tag>
            <Tag color="red">休：法定节假日</Tag>
            <Tag color="blue">班：调休上班</Tag>
          </Space>
        )}
        {data && !data.baseCovered && (
          <Alert style={{ marginTop: 12 }} type="warning" showIcon message={`${data.year} 年的法定节假日安排尚未收录，目前仅按周一至周五计算工作日，请在安排发布后导入该年度的节假日和调休上班日。`} />
        )}
      </Card>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))', gap: 12 }}>
        {months.map((days, i) => (days.length ? <Month key={i} month={i + 1} days={days} onPick={open} /> : null))}
      </div>
      <Modal
        title={editing ? `设置 ${editing.date}` : ''}
        open={!!editing}
        onCancel={() => setEditing(null)}
        destroyOnHidden
        footer={
          <Space>
            {editing?.source === 'office' && (
              <Button
                loading={clearDay.isPending}
                onClick={() =>
                  clearDay.mutate(editing.date, {
                    onSuccess: () => {
                      message.success('已恢复默认安排');
                      setEditing(null);
                    },
                    onError: (e) => showError(e),
                  })
                }
              >
                恢复默认
              </Button>
            )}
            <Button onClick={() => setEditing(null)}>取消</Button>
            <Button type="primary" loading={setDay.isPending} onClick={() => form.submit()}>
              保存
            </Button>
          </Space>
        }
      >
        {editing && <Typography.Paragraph type="secondary">当前：{editing.working ? '工作日' : '休息日'}（{SOURCE_LABEL[editing.source]}{editing.name ? `，${editing.name}` : ''}）</Typography.Paragraph>}
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            editing &&
            setDay.mutate(
              { date: editing.date, working: v.working, name: v.name?.trim() || null },
              {
                onSuccess: () => {
                  message.success('已保存');
                  setEditing(null);
                },
                onError: (e) => showError(e),
              },
            )
          }
        >
          <Form.Item name="working" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
            <Radio.Group options={[{ value: true, label: '工作日' }, { value: false, label: '休息日' }]} />
          </Form.Item>
          <Form.Item name="name" label="名称（如 国庆节、国庆节调休）" rules={[{ max: 50, message: '名称不能超过50字' }]}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
