import { Alert, Button, Flex } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import type { DeclarationKind } from '@zhicheng/contracts';
import { declarationApi, type DeclarationForm } from '../api';
import { usePdfPreview } from './PdfPreview';

const FORMS: { form: DeclarationForm; label: (kind: DeclarationKind) => string; kinds?: DeclarationKind[] }[] = [
  { form: 'review-form', label: (k) => (k === 'review' ? '申报表（评审表）' : '申报表（呈报表）') },
  { form: 'brief-form', label: () => '简介表', kinds: ['review', 'recognition'] },
  { form: 'catalogue', label: () => '材料目录' },
  { form: 'entrustment', label: () => '评审委托函', kinds: ['review'] },
];

/** H-09: the generated PDFs; they carry the 预览 watermark until the pre-audit passes. */
export function FormsPanel({ id, kind, watermarked }: { id: string; kind: DeclarationKind; watermarked: boolean }) {
  const preview = usePdfPreview();
  return (
    <Flex vertical gap={16}>
      {watermarked ? (
        <Alert
          type="warning"
          showIcon
          message="当前为预览版"
          description="材料预审通过前，导出的申报表、简介表、材料目录均带“预览”水印，仅供查看，无需打印；预审通过后可导出正式版本打印装订。"
        />
      ) : (
        <Alert type="success" showIcon message="材料预审已通过，可导出正式版本打印装订。" />
      )}
      <Flex gap={12} wrap>
        {FORMS.filter((f) => !f.kinds || f.kinds.includes(kind)).map((f) => (
          <Button key={f.form} icon={<FilePdfOutlined />} onClick={() => preview(f.label(kind), () => declarationApi.form(id, f.form))}>
            {f.label(kind)}
          </Button>
        ))}
      </Flex>
    </Flex>
  );
}
