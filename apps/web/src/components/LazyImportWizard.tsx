import { lazy, Suspense, type ComponentProps } from 'react';
import { Button } from 'antd';

const ImportWizard = lazy(() => import('./ImportWizard').then((m) => ({ default: m.ImportWizard })));

/** The Excel import wizard loaded with its first use on a page (its upload and steps stay out of the page's first load). */
export function LazyImportWizard(props: ComponentProps<typeof ImportWizard>) {
  return (
    <Suspense fallback={<Button disabled>Excel导入</Button>}>
      <ImportWizard {...props} />
    </Suspense>
  );
}
