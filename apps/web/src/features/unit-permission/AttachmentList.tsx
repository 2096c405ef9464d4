import { useQuery } from '@tanstack/react-query';
import { Button, Space, Typography } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { api, openStoredFile, showError } from '../../lib/api';

function Attachment({ id }: { id: string }) {
  const { data } = useQuery({ queryKey: ['files', id], queryFn: () => api.get<{ id: string; name: string }>(`/files/${id}`) });
  return (
    <Button type="link" size="small" icon={<FilePdfOutlined />} onClick={() => openStoredFile(id).catch(showError)}>
      {data?.name ?? '附件'}
    </Button>
  );
}

/** The PDFs attached to an application; each opens in a new tab. */
export function AttachmentList({ ids }: { ids: string[] }) {
  if (!ids.length) return <Typography.Text type="secondary">无附件</Typography.Text>;
  return (
    <Space wrap size={0}>
      {ids.map((id) => (
        <Attachment key={id} id={id} />
      ))}
    </Space>
  );
}
