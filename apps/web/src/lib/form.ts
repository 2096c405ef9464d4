import { useEffect } from 'react';
import type { FormInstance } from 'antd';

/**
 * Fills a modal's form each time it opens. A form instance outlives its modal's content, and antd merges
 * `initialValues` under what the store still holds, so an edit opened after a create would show stale values.
 */
export function useOpenValues<T>(form: FormInstance<T>, open: boolean, values: () => Partial<T>): void {
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(values() as never);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the modal opens
  }, [open]);
}
