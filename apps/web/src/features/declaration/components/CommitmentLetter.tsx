import { useEffect, useState } from 'react';
import { Button, Flex, Select, Typography } from 'antd';
import { LIMITS, type BatchDto } from '@zhicheng/contracts';
import { formatDate } from '../../../lib/format';

/**
 * The batch's commitment letter (H-03): the 同意 button unlocks after the applicant has had it open
 * for 20 seconds (LIMITS.commitmentLetterSeconds); switching batch restarts the count.
 */
export function CommitmentLetter({
  batches,
  batchId,
  onBatchChange,
  onAgree,
  onDecline,
}: {
  batches: BatchDto[];
  batchId: string;
  onBatchChange: (id: string) => void;
  onAgree: () => void;
  onDecline: () => void;
}) {
  const batch = batches.find((b) => b.id === batchId) ?? batches[0]!;
  const total: number = LIMITS.commitmentLetterSeconds;
  const [left, setLeft] = useState<number>(total);
  useEffect(() => {
    const start = Date.now();
    setLeft(total);
    const t = setInterval(() => {
      const l = Math.max(0, total - Math.floor((Date.now() - start) / 1000));
      setLeft(l);
      if (l === 0) clearInterval(t);
    }, 250);
    return () => clearInterval(t);
  }, [batch.id, total]);

  return (
    <Flex vertical gap={16} className="commitment">
      {batches.length > 1 && (
        <Flex align="center" gap={8}>
          <Typography.Text>申报批次：</Typography.Text>
          <Select
            style={{ minWidth: 360 }}
            value={batch.id}
            onChange={onBatchChange}
            options={batches.map((b) => ({ value: b.id, label: `${b.name}（${b.committeeName ?? ''}）` }))}
          />
        </Flex>
      )}
      <div>
        <Typography.Title level={4} style={{ textAlign: 'center', marginTop: 0 }}>
          申报承诺书
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          {batch.name}　申报时间：{formatDate(batch.opensAt)} 至 {formatDate(batch.closesAt)}
        </Typography.Paragraph>
      </div>
      <div className="commitment-text" data-testid="commitment-text">
        {batch.commitmentText.split(/\n+/).map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </div>
      <Typography.Text type="secondary">请认真阅读申报承诺书，阅读{total}秒后方可点击“同意”进入填写申报材料阶段。</Typography.Text>
      <Flex justify="flex-end" gap={12}>
        <Button onClick={onDecline}>不同意</Button>
        <Button type="primary" disabled={left > 0} onClick={onAgree} data-testid="agree">
          {left > 0 ? `同意（${left}秒）` : '同意'}
        </Button>
      </Flex>
    </Flex>
  );
}
