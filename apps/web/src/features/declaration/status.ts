import type { DeclarationStatus } from '@zhicheng/contracts';

/** Tag colours of the declaration statuses. */
export function statusColor(s: DeclarationStatus): string {
  switch (s) {
    case 'draft':
      return 'default';
    case 'returned':
      return 'red';
    case 'cancelled':
      return 'default';
    case 'certified':
    case 'filed':
    case 'qualified':
      return 'green';
    default:
      return 'blue';
  }
}
