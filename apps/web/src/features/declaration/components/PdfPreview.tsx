import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { Button, Modal, Spin } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { showError } from '../../../lib/api';

type Preview = (title: string, load: () => Promise<Blob>, fileName?: string) => void;
const PreviewContext = createContext<Preview>(() => undefined);

/** Opens a PDF (loaded with the session attached) in a modal; the blob URL is revoked on close. */
export function usePdfPreview(): Preview {
  return useContext(PreviewContext);
}

export function PdfPreviewProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<{ title: string; url: string | null; fileName: string } | null>(null);
  const preview = useCallback<Preview>((title, load, fileName) => {
    setState({ title, url: null, fileName: fileName ?? `${title}.pdf` });
    load()
      .then((blob) => setState((s) => (s ? { ...s, url: URL.createObjectURL(blob) } : s)))
      .catch((e) => {
        setState(null);
        showError(e);
      });
  }, []);
  useEffect(() => () => void (state?.url && URL.revokeObjectURL(state.url)), [state?.url]);
  return (
    <PreviewContext.Provider value={preview}>
      {children}
      <Modal
        open={!!state}
        title={state?.title}
        width="min(1000px, 96vw)"
        onCancel={() => setState(null)}
        destroyOnHidden
        footer={
          state?.url ? (
            <Button icon={<DownloadOutlined />} href={state.url} download={state.fileName}>
              下载
            </Button>
          ) : null
        }
      >
        {state?.url ? (
          <iframe title={state.title} src={state.url} className="pdf-frame" />
        ) : (
          <div className="pdf-frame pdf-loading">
            <Spin tip="正在加载…" />
          </div>
        )}
      </Modal>
    </PreviewContext.Provider>
  );
}
