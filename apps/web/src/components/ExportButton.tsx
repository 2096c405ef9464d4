import { useState } from 'react';
import { Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { downloadFile, showError, type QueryParams } from '../lib/api';

/** Every admin list: exports its current query (filters and sort, not the page) to .xlsx. */
export function ExportButton({ path, query }: { path: string; query: QueryParams }) {
  const [loading, setLoading] = useState(false);
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={loading}
      onClick={async () => {
        setLoading(true);
        try {
          const { page: _p, pageSize: _s, ...rest } = query;
          await downloadFile(path, rest);
        } catch (e) {
          showError(e);
        } finally {
          setLoading(false);
        }
      }}
    >
      导出
    </Button>
  );
}
