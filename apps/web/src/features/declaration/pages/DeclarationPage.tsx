import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Badge, Button, Card, Col, Descriptions, Flex, Result, Row, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, CheckCircleOutlined, CloseCircleOutlined, SaveOutlined } from '@ant-design/icons';
import {
  DECLARATION_KIND_LABELS,
  MODULE_BY_KEY,
  TITLE_LEVEL_LABELS,
  UNIT_NATURE_LABELS,
  moduleIsFilled,
  validateModuleValue,
  type DeclarationDetail,
  type ModuleRow,
  type ModuleStatus,
  type ModuleValue,
  type TemplateModuleState,
} from '@zhicheng/contracts';
import { ApiError, showError } from '../../../lib/api';
import { formatDate, formatDateTime } from '../../../lib/format';
import { PageContainer } from '../../../components/PageContainer';
import { declarationApi, declarationKeys, useDeclaration, useDeclarationAction, useTimeline } from '../api';
import { ModuleEditor } from '../components/ModuleEditor';
import { ProgressTimeline } from '../components/ProgressTimeline';
import { CorrectionNoticeCard } from '../../eligibility/CorrectionNoticeCard';
import { PathPreviewPanel } from '../../eligibility/PathPreviewPanel';
import { FormsPanel } from '../components/FormsPanel';
import { PdfPreviewProvider } from '../components/PdfPreview';
import type { FileMeta } from '../components/AttachmentSlotField';
import { clearAllLocal, clearLocalIfSaved, readLocal, writeLocal } from '../local-draft';
import { statusColor } from '../status';

const AUTOSAVE_MS = 2000;
const BASIC = '_basic';
const STALE_MESSAGE = '数据已在其他页面修改，请刷新后重试';
const STATUS_LABEL: Record<ModuleStatus, string> = { empty: '未填写', filled: '已填写', failed: '未通过' };
const STATUS_COLOR: Record<ModuleStatus, string> = { empty: '#bfbfbf', filled: '#1677ff', failed: '#ff4d4f' };

type Errors = Record<string, Record<string, string>>;

/** Server messages `modules.<key>.<path>` grouped by module. */
function groupFieldErrors(fields: Record<string, string> | undefined): Errors {
  const out: Errors = {};
  for (const [k, msg] of Object.entries(fields ?? {})) {
    const m = /^modules\.([^.]+)(?:\.(.+))?$/.exec(k);
    if (!m) continue;
    (out[m[1]!] ??= {})[m[2] ?? '_'] = msg;
  }
  return out;
}

function emptyValue(kind: string): ModuleValue {
  return kind === 'table' ? [] : {};
}

/** One template module checked as the submission checks it (the server runs the same); empty when it passes. */
function validateOne(m: TemplateModuleState, value: ModuleValue | undefined): Record<string, string> {
  const def = MODULE_BY_KEY[m.key];
  if (!def) return {};
  const filled = moduleIsFilled(def, value);
  if (!filled && !m.required) return {};
  const errs = validateModuleValue(def, value ?? emptyValue(def.kind), true);
  if (!filled && Object.keys(errs).length === 0) errs._ = `请填写${m.name}`;
  return errs;
}

/** Full validation of every template module with the shared validator (the server runs the same at submission). */
function validateAll(modules: TemplateModuleState[], values: Record<string, ModuleValue>): Errors {
  const out: Errors = {};
  for (const m of modules) {
    const errs = validateOne(m, values[m.key]);
    if (Object.keys(errs).length) out[m.key] = errs;
  }
  return out;
}

/** `errors` with one module's messages replaced (or dropped when it has none). */
function withModuleErrors(errors: Errors, key: string, errs: Record<string, string> | undefined): Errors {
  if (errs && Object.keys(errs).length) return { ...errors, [key]: errs };
  if (!errors[key]) return errors;
  const { [key]: _drop, ...rest } = errors;
  return rest;
}

function Editor({ detail }: { detail: DeclarationDetail }) {
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const id = detail.id;
  const editable = detail.editable;
  const versionRef = useRef(detail.version);
  const [values, setValues] = useState<Record<string, ModuleValue>>(() => ({ ...detail.data }));
  const valuesRef = useRef(values);
  const [files, setFiles] = useState<Record<string, FileMeta>>(() => ({ ...detail.files }));
  const [active, setActive] = useState<string>(BASIC);
  const [errors, setErrors] = useState<Errors>({});
  const [focusToken, setFocusToken] = useState(0);
  const [restored, setRestored] = useState(false);
  const dirty = useRef(new Set<string>());
  const [saveState, setSaveState] = useState<'idle' | 'dirty' | 'saving' | 'saved' | 'error' | 'conflict'>('idle');
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [serverStatus, setServerStatus] = useState<Record<string, ModuleStatus>>(() => Object.fromEntries(detail.modules.map((m) => [m.key, m.status])));
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const chain = useRef<Promise<boolean>>(Promise.resolve(true));
  const [fetchingEdu, setFetchingEdu] = useState(false);
  // After a refused submission the flagged modules are re-checked as the submission checks them, on every change: a
  // fixed module turns back at once (messages and 未通过 gone), one still incomplete keeps its messages after a save.
  const submitTried = useRef(false);
  const recheck = useCallback(
    (key: string, value: ModuleValue | undefined): Record<string, string> | undefined => {
      const m = detail.modules.find((x) => x.key === key);
      const def = MODULE_BY_KEY[key];
      if (!m || !def) return undefined;
      return submitTried.current ? validateOne(m, value) : validateModuleValue(def, value ?? emptyValue(def.kind), false);
    },
    [detail.modules],
  );

  useEffect(() => {
    versionRef.current = detail.version;
  }, [detail.version]);

  /** Saves every module changed since the last save, one request at a time; false when one failed. */
  const flush = useCallback((): Promise<boolean> => {
    clearTimeout(timer.current);
    chain.current = chain.current.then(async () => {
      if (dirty.current.size === 0) return true;
      setSaveState('saving');
      for (const key of [...dirty.current]) {
        const value = valuesRef.current[key];
        if (value === undefined) {
          dirty.current.delete(key);
          continue;
        }
        dirty.current.delete(key);
        try {
          const res = await declarationApi.saveModule(id, key, value, versionRef.current);
          versionRef.current = res.version;
          setServerStatus((s) => ({ ...s, [key]: res.status }));
          setSavedAt(res.savedAt);
          clearLocalIfSaved(id, key, value);
          setErrors((e) => (e[key] ? withModuleErrors(e, key, recheck(key, value)) : e));
        } catch (err) {
          dirty.current.add(key);
          if (err instanceof ApiError && err.statusCode === 409) {
            setSaveState('conflict');
            message.error(STALE_MESSAGE);
            return false;
          }
          if (err instanceof ApiError && err.statusCode === 400 && err.fields) {
            const grouped = groupFieldErrors(err.fields);
            const mine = grouped[key] ?? Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k.replace(/^value\./, ''), v]));
            setErrors((e) => ({ ...e, [key]: mine }));
            setActive(key);
            setFocusToken((t) => t + 1);
            message.error(`${MODULE_BY_KEY[key]?.name ?? ''}：${err.message}`);
          } else {
            showError(err);
          }
          setSaveState('error');
          return false;
        }
      }
      setSaveState(dirty.current.size ? 'dirty' : 'saved');
      return true;
    });
    return chain.current;
  }, [id, message, recheck]);

  // Restore local copies newer than the server's (typed before a reload or while offline).
  useEffect(() => {
    if (!editable) return;
    const serverAt = Date.parse(detail.updatedAt);
    const next = { ...valuesRef.current };
    let any = false;
    for (const m of detail.modules) {
      const local = readLocal(id, m.key);
      if (!local || local.at <= serverAt) continue;
      if (JSON.stringify(local.value) === JSON.stringify(detail.data[m.key])) continue;
      next[m.key] = local.value;
      dirty.current.add(m.key);
      any = true;
    }
    if (any) {
      valuesRef.current = next;
      setValues(next);
      setRestored(true);
      setSaveState('dirty');
      message.info('已恢复未保存的内容');
      timer.current = setTimeout(() => void flush(), AUTOSAVE_MS);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Save what is pending when leaving the page.
  useEffect(() => () => void flush(), [flush]);

  const onModuleChange = (key: string, value: ModuleValue) => {
    valuesRef.current = { ...valuesRef.current, [key]: value };
    setValues(valuesRef.current);
    writeLocal(id, key, value);
    setErrors((e) => (e[key] ? withModuleErrors(e, key, recheck(key, value)) : e));
    dirty.current.add(key);
    setSaveState('dirty');
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), AUTOSAVE_MS);
  };

  const statusOf = (m: TemplateModuleState): ModuleStatus => {
    if (errors[m.key]) return 'failed';
    if (serverStatus[m.key] === 'failed' && Object.keys(m.failures).length) return 'failed';
    const def = MODULE_BY_KEY[m.key];
    return def && moduleIsFilled(def, values[m.key]) ? 'filled' : 'empty';
  };

  const showErrors = (errs: Errors) => {
    submitTried.current = true;
    setErrors(errs);
    const first = detail.modules.find((m) => errs[m.key]);
    if (first) {
      setActive(first.key);
      setFocusToken((t) => t + 1);
    }
  };

  const save = async () => {
    dirty.current = new Set([...dirty.current, ...Object.keys(valuesRef.current).filter((k) => detail.modules.some((m) => m.key === k))]);
    if (await flush()) message.success('暂存成功');
  };

  const submit = async () => {
    if (!(await flush())) return;
    const errs = validateAll(detail.modules, valuesRef.current);
    const count = Object.keys(errs).length;
    if (count) {
      showErrors(errs);
      message.error(`有${count}个模块填写不完整或有误，请修改后再提交`);
      return;
    }
    modal.confirm({
      title: '确认提交申报材料？',
      content: '提交后将不能修改申报信息，申报材料正式进入审核阶段。',
      okText: '确认提交',
      cancelText: '再检查一下',
      onOk: async () => {
        try {
          const d =
            detail.status === 'returned'
              ? await declarationApi.resubmit(id, versionRef.current)
              : await declarationApi.submit(id, versionRef.current);
          clearAllLocal(id);
          qc.setQueryData(declarationKeys.detail(id), d);
          void qc.invalidateQueries({ queryKey: declarationKeys.mineAll() });
          void qc.invalidateQueries({ queryKey: declarationKeys.timeline(id) });
          message.success('提交成功，请关注审核进度');
        } catch (e) {
          if (e instanceof ApiError && e.statusCode === 409) message.error(STALE_MESSAGE);
          else if (e instanceof ApiError && e.fields && Object.keys(groupFieldErrors(e.fields)).length) {
            showErrors(groupFieldErrors(e.fields));
            message.error(e.message);
          } else showError(e);
        }
      },
    });
  };

  const cancel = useDeclarationAction((reason: string | undefined) => declarationApi.cancel(id, versionRef.current, reason));
  const confirmCancel = () =>
    modal.confirm({
      title: '确定取消本次申请吗？',
      content: '取消后本次申报作废，不能恢复；如需申报请重新发起。',
      okText: '取消申请',
      okButtonProps: { danger: true },
      cancelText: '返回',
      onOk: async () => {
        try {
          await cancel.mutateAsync(undefined);
          clearTimeout(timer.current);
          dirty.current.clear();
          clearAllLocal(id);
          message.success('已取消申请');
          navigate('/hall/declarations');
        } catch (e) {
          if (e instanceof ApiError && e.statusCode === 409) message.error(STALE_MESSAGE);
          else showError(e);
        }
      },
    });

  const fetchEducation = async (): Promise<ModuleRow[] | null> => {
    setFetchingEdu(true);
    try {
      const r = await declarationApi.fetchEducation();
      if (!r.found) {
        message.warning(r.message || '未获取到学历信息，请点击“添加”手动填写并上传学历、学位材料');
        return null;
      }
      message.success(r.message || '获取成功');
      const rows = (Array.isArray(r.rows) ? r.rows : [r.rows]) as ModuleRow[];
      const have = new Set(((valuesRef.current.education as ModuleRow[] | undefined) ?? []).map((x) => `${x.school}|${x.endDate}`));
      return rows.filter((x) => !have.has(`${x.school}|${x.endDate}`));
    } catch (e) {
      showError(e);
      return null;
    } finally {
      setFetchingEdu(false);
    }
  };

  const current = detail.modules.find((m) => m.key === active);
  const def = current ? MODULE_BY_KEY[current.key] : undefined;

  const saveText =
    saveState === 'saving'
      ? '正在保存…'
      : saveState === 'dirty'
        ? '有未保存的修改，将自动保存'
        : saveState === 'conflict'
          ? STALE_MESSAGE
          : saveState === 'error'
            ? '保存失败，请检查后重试'
            : savedAt
              ? `已自动保存 ${formatDateTime(savedAt)}`
              : '';

  return (
    <Flex vertical gap={16}>
      {restored && <Alert type="info" showIcon closable message="已恢复未保存的内容" description="检测到本机保存的、比服务器更新的填写内容，已恢复并将自动保存。" />}
      <Row gutter={16}>
        <Col xs={24} lg={6}>
          <Card variant="borderless" title="申报模块" size="small" className="module-nav">
            <div
              className={`module-nav-item${active === BASIC ? ' active' : ''}`}
              onClick={() => setActive(BASIC)}
              role="button"
              data-testid="nav-basic"
            >
              <Badge color="#52c41a" />
              <span className="module-nav-name">申报基本信息</span>
            </div>
            {detail.modules.map((m) => {
              const st = statusOf(m);
              return (
                <div
                  key={m.key}
                  className={`module-nav-item status-${st}${active === m.key ? ' active' : ''}`}
                  onClick={() => setActive(m.key)}
                  role="button"
                  data-testid={`nav-${m.key}`}
                  data-status={st}
                >
                  <Badge color={STATUS_COLOR[st]} />
                  <span className="module-nav-name">
                    {m.required && <span className="required-mark">*</span>}
                    {m.name}
                  </span>
                  <span className="module-nav-status" style={{ color: STATUS_COLOR[st] }}>
                    {STATUS_LABEL[st]}
                  </span>
                </div>
              );
            })}
            <div className="module-legend">
              <Badge color={STATUS_COLOR.empty} text="未填写" />
              <Badge color={STATUS_COLOR.filled} text="已填写" />
              <Badge color={STATUS_COLOR.failed} text="未通过" />
            </div>
          </Card>
        </Col>
        <Col xs={24} lg={18}>
          <Card variant="borderless" title={current?.name ?? '申报基本信息'} className="module-pane" data-testid="module-pane">
            {!current || !def ? (
              <BasicInfo detail={detail} />
            ) : (
              <ModuleEditor
                key={current.key}
                def={def}
                value={values[current.key]}
                readOnly={!editable}
                files={files}
                onUploaded={(f) => setFiles((x) => ({ ...x, [f.id]: f }))}
                onChange={(v) => onModuleChange(current.key, v)}
                errors={errors[current.key] ?? {}}
                failures={current.failures}
                focusToken={focusToken}
                onFetchEducation={current.key === 'education' ? fetchEducation : undefined}
                fetching={fetchingEdu}
              />
            )}
          </Card>
        </Col>
      </Row>
      {editable && (
        <Card variant="borderless" className="action-bar" size="small">
          <Flex justify="space-between" align="center" wrap gap={12}>
            <Typography.Text type={saveState === 'conflict' || saveState === 'error' ? 'danger' : 'secondary'} data-testid="save-state">
              {saveText}
            </Typography.Text>
            <Space>
              <Button danger icon={<CloseCircleOutlined />} onClick={confirmCancel}>
                取消申请
              </Button>
              <Button icon={<SaveOutlined />} onClick={() => void save()} loading={saveState === 'saving'}>
                暂存
              </Button>
              <Button type="primary" icon={<CheckCircleOutlined />} onClick={() => void submit()}>
                {detail.status === 'returned' ? '修改后重新提交' : '确认提交'}
              </Button>
            </Space>
          </Flex>
        </Card>
      )}
    </Flex>
  );
}

function BasicInfo({ detail: d }: { detail: DeclarationDetail }) {
  const committeeWord = d.kind === 'review' ? '申报评委会' : '报送受理部门';
  return (
    <Flex vertical gap={16}>
      <Descriptions title="申报人" size="small" bordered column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label="姓名">{d.applicant.realName}</Descriptions.Item>
        <Descriptions.Item label="身份证号">{d.applicant.idCard}</Descriptions.Item>
        <Descriptions.Item label="手机号码">{d.applicant.mobile}</Descriptions.Item>
        <Descriptions.Item label="电子邮箱">{d.applicant.email ?? '—'}</Descriptions.Item>
      </Descriptions>
      <Descriptions title="申报基本信息" size="small" bordered column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label="申报批次">{d.batchName}</Descriptions.Item>
        <Descriptions.Item label="申报时间">
          {formatDate(d.opensAt)} 至 {formatDate(d.closesAt)}
        </Descriptions.Item>
        <Descriptions.Item label="申报级别">{TITLE_LEVEL_LABELS[d.titleLevel]}</Descriptions.Item>
        <Descriptions.Item label="申报职称">{d.titleName}</Descriptions.Item>
        <Descriptions.Item label="申报专业">{d.professionName}</Descriptions.Item>
        <Descriptions.Item label="申报方式">
          {d.method}
          {d.exceptionalCondition ? `（${d.exceptionalCondition}）` : ''}
        </Descriptions.Item>
        <Descriptions.Item label="工作单位性质">{UNIT_NATURE_LABELS[d.unitNature]}</Descriptions.Item>
        <Descriptions.Item label="是否为公务员">{d.civilServant ? '是' : '否'}</Descriptions.Item>
        <Descriptions.Item label="行政主管部门">{d.supervisingDeptName ?? '无'}</Descriptions.Item>
        <Descriptions.Item label="工作单位">{d.unitName ?? '无（自由职业者）'}</Descriptions.Item>
        <Descriptions.Item label={committeeWord} span={2}>
          {d.committeeName}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Text type="secondary">申报基本信息在发起申报时确定，如需变更请取消本次申请后重新申报。请依次填写左侧各模块，*号标记的模块为必填模块。</Typography.Text>
      {!d.path && (
        <div>
          <Typography.Title level={5}>审核路径（提交前预览）</Typography.Title>
          <PathPreviewPanel declarationId={d.id} />
        </div>
      )}
    </Flex>
  );
}

/** H-04..H-09: one declaration — modules, 暂存/确认提交/取消申请, 审核进度 and the generated forms. */
export function DeclarationPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const detail = useDeclaration(id);
  const [tab, setTab] = useState('materials');
  const timeline = useTimeline(id, tab === 'progress');
  const d = detail.data;
  const prevStatus = useRef(d?.status);
  useEffect(() => {
    if (d && prevStatus.current === 'draft' && d.status !== 'draft' && d.status !== 'cancelled') setTab('progress');
    prevStatus.current = d?.status;
  }, [d]);

  const title = useMemo(() => (d ? `职称${DECLARATION_KIND_LABELS[d.kind]}申报` : '申报详情'), [d]);

  // A cached copy from an earlier visit is older than what that visit saved: the editor starts from the server's
  // answer of this visit (else leaving and coming back shows, and 暂存 would write back, the old modules).
  if (detail.isLoading || (detail.isFetching && !detail.isFetchedAfterMount)) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  if (!d) {
    return (
      <Result
        status="warning"
        title="无法查看该申报"
        subTitle={detail.error instanceof ApiError ? detail.error.message : '申报不存在或已被删除'}
        extra={<Button onClick={() => navigate('/hall/declarations')}>返回我的办件</Button>}
      />
    );
  }

  return (
    <PdfPreviewProvider>
      <PageContainer
        title={title}
        description={`${d.batchName} · ${d.titleName} · ${d.professionName} · ${d.committeeName}`}
        extra={
          <Space>
            <Tag color={statusColor(d.status)} className="status-tag" data-testid="declaration-status">
              {d.statusLabel}
            </Tag>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/hall/declarations')}>
              我的办件
            </Button>
          </Space>
        }
      >
        {d.correction && d.editable ? (
          <CorrectionNoticeCard notice={d.correction} />
        ) : (
          d.lastReturnReason && d.editable && <Alert type="error" showIcon message="申报已被退回，请按退回原因修改后重新提交" description={d.lastReturnReason} />
        )}
        {!d.editable && d.status !== 'cancelled' && (
          <Alert type="info" showIcon message="申报材料已提交，不能修改。如确需修改，请联系当前审核环节的部门退回。" />
        )}
        <Tabs
          activeKey={tab}
          onChange={setTab}
          className="declaration-tabs"
          items={[
            { key: 'materials', label: '申报材料', children: <Editor key={`${d.id}:${d.editable}`} detail={d} /> },
            {
              key: 'progress',
              label: '审核进度',
              children: (
                <Card variant="borderless">
                  <ProgressTimeline path={d.path} entries={timeline.data} loading={timeline.isLoading} lastReturnReason={d.lastReturnReason} declarationId={d.id} />
                </Card>
              ),
            },
            {
              key: 'forms',
              label: '表格预览与下载',
              children: (
                <Card variant="borderless">
                  <FormsPanel id={d.id} kind={d.kind} watermarked={d.formsWatermarked} />
                </Card>
              ),
            },
          ]}
        />
      </PageContainer>
    </PdfPreviewProvider>
  );
}
