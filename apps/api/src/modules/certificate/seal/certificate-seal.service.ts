import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  TITLE_LEVEL_LABELS, decodeQrPayload, encodeQrPayload, qrText, splitQrText, type QrPayload, type TitleLevel,
} from '@zhicheng/contracts';
import { sm2PublicKeyPem, sm2Verify } from '../../../common/crypto/sm2.js';
import { APP_CONFIG, type AppConfig } from '../../../config/config.js';
import type { Certificate } from '../entities/certificate.entity.js';
import { assembleOfd, prepareSeal, verifyOfd, type OfdCertificateData, type OfdVerification } from './ofd.js';
import { SEAL_SIGNER, type SealSigner } from './signer.js';

/** What sealing adds to a certificate row (columns of `certificates`). */
export interface SealColumns {
  sealId: string;
  sealKeyId: string;
  sealedAt: Date;
  sealSignature: string;
  qrPayload: string;
  qrSignature: string;
}

type Sealable = Pick<Certificate, 'certificateNo' | 'verificationCode' | 'holderName' | 'titleName' | 'seriesCode' | 'professionName' | 'titleLevel'
  | 'qualificationDate' | 'approvalDocNo' | 'committeeName' | 'issuerName' | 'issuerCode' | 'issueDate' | 'kind'>;

const pem = (label: string, der: Buffer) => `-----BEGIN ${label}-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n').trimEnd()}\n-----END ${label}-----\n`;

/** GB/T 36902/36903 licence type code of the professional title certificate (证照类型代码); configurable per province. */
export const LICENCE_TYPE = { code: process.env.LICENCE_TYPE_CODE ?? '11100000MB0143028Q001', name: '专业技术职称证书' };

/** GB/T 36903-style identifier (证照标识): type code, issuing authority code, year and number. */
export function licenceIdentifier(c: Pick<Certificate, 'certificateNo' | 'issuerCode' | 'issueDate'>): string {
  return `${LICENCE_TYPE.code}.${c.issuerCode}.${c.issueDate.slice(0, 4)}.${c.certificateNo}`;
}

/**
 * P-05: seals e-certificates at issuance and rebuilds their OFD. The seal of each issuing authority (SES_Seal made by
 * the seal maker) is stored once per (issuer code, key) in `certificate_seals`, so every process uses the same one.
 */
@Injectable()
export class CertificateSealService {
  private readonly seals = new Map<string, { id: string; der: Buffer }>();
  private readonly sealsById = new Map<string, Buffer>();
  private readonly seriesNames = new Map<string, string>();

  constructor(
    private readonly ds: DataSource,
    @Inject(SEAL_SIGNER) readonly signer: SealSigner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The seal of an issuing authority with the current key (created on first use). Call outside transactions. */
  async sealFor(issuerCode: string, issuerName: string): Promise<{ id: string; der: Buffer }> {
    const keyId = this.signer.current.keyId;
    const k = `${issuerCode}\n${keyId}`;
    const hit = this.seals.get(k);
    if (hit) return hit;
    const find = async () =>
      (await this.ds.query('SELECT id, seal_der FROM certificate_seals WHERE issuer_code = $1 AND key_id = $2', [issuerCode, keyId]))[0] as { id: string; seal_der: Buffer } | undefined;
    let row = await find();
    if (!row) {
      const der = await this.signer.makeSeal(issuerName, `ES-${issuerCode}-${keyId}`);
      await this.ds.query(
        'INSERT INTO certificate_seals (issuer_code, key_id, authority_name, seal_der) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
        [issuerCode, keyId, issuerName, der],
      );
      row = (await find())!;
    }
    const v = { id: row.id, der: Buffer.from(row.seal_der) };
    this.seals.set(k, v);
    this.sealsById.set(v.id, v.der);
    return v;
  }

  private async sealById(id: string): Promise<Buffer> {
    const hit = this.sealsById.get(id);
    if (hit) return hit;
    const rows = (await this.ds.query('SELECT seal_der FROM certificate_seals WHERE id = $1', [id])) as { seal_der: Buffer }[];
    if (!rows[0]) throw new Error('seal not found');
    const der = Buffer.from(rows[0].seal_der);
    this.sealsById.set(id, der);
    return der;
  }

  /** The series' name (工程技术 for GC), from the profession catalogue. Call outside transactions. */
  async seriesName(code: string): Promise<string> {
    let v = this.seriesNames.get(code);
    if (v === undefined) {
      const rows = (await this.ds.query('SELECT name FROM professions WHERE code = $1 AND parent_id IS NULL LIMIT 1', [code])) as { name: string }[];
      v = rows[0]?.name ?? code;
      this.seriesNames.set(code, v);
    }
    return v;
  }

  seriesNameCached(code: string): string | undefined {
    return this.seriesNames.get(code);
  }

  levelLabel(level: string): string {
    return TITLE_LEVEL_LABELS[level as TitleLevel] ?? level;
  }

  baseUrl(): string {
    return this.config.publicBaseUrl.replace(/\/$/, '');
  }

  /** 电子证照 catalogue metadata (GB/T 36902 元数据 / GB/T 36903 证照标识), without live status. */
  metadata(c: Sealable & { maskedIdCard: string }): [string, string][] {
    return [
      ['证照类型名称', LICENCE_TYPE.name],
      ['证照类型代码', LICENCE_TYPE.code],
      ['证照标识', this.licenceIdentifier(c)],
      ['证照编号', c.certificateNo],
      ['持证主体', c.holderName],
      ['持证主体代码类型', '居民身份证'],
      ['持证主体代码', c.maskedIdCard],
      ['证照颁发机构', c.issuerName],
      ['证照颁发机构代码', c.issuerCode],
      ['证照颁发日期', c.issueDate],
      ['证照有效期起始日期', c.qualificationDate],
      ['证照有效期截止日期', '长期'],
      ['职称名称', c.titleName],
      ['批准文号', c.approvalDocNo],
    ];
  }

  licenceIdentifier(c: Pick<Certificate, 'certificateNo' | 'issuerCode' | 'issueDate'>): string {
    return licenceIdentifier(c);
  }

  qrPayloadFor(c: Sealable, maskedIdCard: string, keyId: string): QrPayload {
    return {
      keyId, certificateNo: c.certificateNo, holderName: c.holderName, maskedIdCard, titleName: c.titleName,
      levelLabel: this.levelLabel(c.titleLevel), issuerName: c.issuerName, issueDate: c.issueDate,
    };
  }

  private ofdData(c: Sealable, maskedIdCard: string, qr: string, seriesLabel: string): OfdCertificateData {
    return {
      certificateNo: c.certificateNo, verificationCode: c.verificationCode, holderName: c.holderName, maskedIdCard,
      titleName: c.titleName, seriesLabel, professionName: c.professionName, levelLabel: this.levelLabel(c.titleLevel),
      qualificationDate: c.qualificationDate, approvalDocNo: c.approvalDocNo, committeeName: c.committeeName,
      issuerName: c.issuerName, issueDate: c.issueDate, qrText: qr, metadata: this.metadata({ ...c, maskedIdCard }),
    };
  }

  /**
   * Seals a certificate: signs the QR payload and the OFD's TBS_Sign. `seal` and the series name must have been
   * resolved before (sealFor / seriesName), so this runs inside the issuing transaction without queries.
   */
  async seal(c: Sealable, maskedIdCard: string, seal: { id: string; der: Buffer }): Promise<SealColumns> {
    const keyId = this.signer.current.keyId;
    const sealedAt = new Date(Math.floor(Date.now() / 1000) * 1000);
    const payload = encodeQrPayload(this.qrPayloadFor(c, maskedIdCard, keyId));
    const qrSig = await this.signer.sign(Buffer.from(payload, 'utf8'));
    const qr = qrText(this.baseUrl(), c.verificationCode, payload, qrSig);
    const prep = prepareSeal(this.ofdData(c, maskedIdCard, qr, this.seriesNameCached(c.seriesCode) ?? c.seriesCode), seal.der, sealedAt);
    const sig = await this.signer.sign(prep.tbs);
    return { sealId: seal.id, sealKeyId: keyId, sealedAt, sealSignature: sig.toString('base64'), qrPayload: payload, qrSignature: qrSig.toString('base64') };
  }

  /** The QR text of a sealed certificate (the same as in its OFD and PDF). */
  qrTextOf(c: Pick<Certificate, 'verificationCode' | 'qrPayload' | 'qrSignature'>): string | null {
    if (!c.qrPayload || !c.qrSignature) return null;
    return qrText(this.baseUrl(), c.verificationCode, c.qrPayload, Buffer.from(c.qrSignature, 'base64'));
  }

  /** Rebuilds the sealed OFD package of a certificate, byte for byte. */
  async buildOfd(c: Certificate, maskedIdCard: string): Promise<Buffer> {
    if (!c.sealId || !c.sealedAt || !c.sealSignature || !c.sealKeyId) throw new Error('certificate not sealed');
    const key = this.signer.key(c.sealKeyId);
    if (!key) throw new Error(`seal key ${c.sealKeyId} unknown`);
    const sealDer = await this.sealById(c.sealId);
    await this.seriesName(c.seriesCode);
    const sealedAt = new Date(c.sealedAt);
    const prep = prepareSeal(this.ofdData(c, maskedIdCard, this.qrTextOf(c)!, this.seriesNameCached(c.seriesCode)!), sealDer, sealedAt);
    return assembleOfd(prep, key.certificateDer, Buffer.from(c.sealSignature, 'base64'), sealedAt);
  }

  verifyOfd(bytes: Uint8Array): OfdVerification {
    return verifyOfd(bytes, this.signer.keys());
  }

  /** Checks the QR's signed payload with the published keys (what the offline page and the CLI do). */
  verifyQr(text: string): { ok: boolean; payload: QrPayload | null; code: string | null; problem: string | null } {
    const parts = splitQrText(text);
    if (!parts) return { ok: false, payload: null, code: null, problem: '二维码内容不是本平台的电子证书数据' };
    const payload = decodeQrPayload(parts.payloadJson);
    if (!payload) return { ok: false, payload: null, code: parts.code, problem: '二维码数据格式不正确' };
    const key = this.signer.key(payload.keyId);
    if (!key) return { ok: false, payload, code: parts.code, problem: '二维码的签名密钥不是本平台公布的密钥' };
    const ok = sm2Verify(parts.payloadBytes, parts.signature, key.publicKeyHex);
    return { ok, payload, code: parts.code, problem: ok ? null : '二维码数据签名验证失败，内容可能被篡改' };
  }

  /** The published keys: SM2 public keys and signer/CA certificates (PEM), current first. */
  publishedKeys() {
    return this.signer.keys().map((k, i) => ({
      keyId: k.keyId,
      current: i === 0,
      algorithm: 'SM2 (GB/T 32918) with SM3, signer ID 1234567812345678',
      publicKeyHex: k.publicKeyHex,
      publicKeyPem: sm2PublicKeyPem(k.publicKeyHex),
      certificatePem: pem('CERTIFICATE', k.certificateDer),
      caCertificatePem: pem('CERTIFICATE', k.caCertificateDer),
    }));
  }
}
