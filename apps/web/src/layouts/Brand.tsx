import { SafetyCertificateFilled } from '@ant-design/icons';

export function Brand({ subtitle }: { subtitle?: string }) {
  return (
    <span className="brand">
      <SafetyCertificateFilled className="brand-icon" />
      <span className="brand-name">职称申报评审系统</span>
      {subtitle && <span className="brand-sub">{subtitle}</span>}
    </span>
  );
}
