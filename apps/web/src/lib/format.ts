import dayjs from 'dayjs';

/** Dates are shown as YYYY-MM-DD everywhere; times add HH:mm when the time of day matters. */
export function formatDate(value: string | Date | null | undefined): string {
  return value ? dayjs(value).format('YYYY-MM-DD') : '';
}

export function formatDateTime(value: string | Date | null | undefined): string {
  return value ? dayjs(value).format('YYYY-MM-DD HH:mm:ss') : '';
}
