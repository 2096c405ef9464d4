/**
 * Electronic seal structures of GB/T 38540-2020 (安全电子签章密码技术规范), version 4, declared with the maintained
 * @peculiar/asn1-schema library (DER encoder/decoder). Only the structures themselves are written here:
 *
 *   SES_Seal      ::= SEQUENCE { eSealInfo SES_SealInfo, cert OCTET STRING, signAlgID OID, signedValue BIT STRING }
 *   SES_SealInfo  ::= SEQUENCE { header SES_Header, esID IA5String, property SES_ESPropertyInfo,
 *                                picture SES_ESPictrueInfo, extDatas ExtensionDatas OPTIONAL }
 *   SES_Header    ::= SEQUENCE { ID IA5String ("ES"), version INTEGER (4), Vid IA5String }
 *   SES_ESPropertyInfo ::= SEQUENCE { type INTEGER, name UTF8String, certListType INTEGER, certList SES_CertList,
 *                                createDate, validStart, validEnd GeneralizedTime }
 *   SES_CertList  ::= CHOICE { certs CertInfoList (SEQUENCE OF OCTET STRING), certDigestList … } — we use certs
 *   SES_ESPictrueInfo ::= SEQUENCE { type IA5String, data OCTET STRING, width INTEGER, height INTEGER } (mm)
 *   TBS_Sign      ::= SEQUENCE { version INTEGER (4), eseal SES_Seal, timeInfo GeneralizedTime, dataHash BIT STRING,
 *                                propertyInfo IA5String, extDatas OPTIONAL }
 *   SES_Signature ::= SEQUENCE { toSign TBS_Sign, cert OCTET STRING, signatureAlgID OID, signature BIT STRING,
 *                                timeStamp [0] BIT STRING OPTIONAL }
 *
 * In an OFD package (GB/T 33190 §18) `dataHash` is the SM3 digest of the Signature.xml file and `propertyInfo`
 * its path; the SM2 signature (GB/T 32918, signer ID 1234567812345678) is over the DER of TBS_Sign.
 */
import { AsnArray, AsnParser, AsnProp, AsnPropTypes, AsnSerializer, AsnType, AsnTypeTypes } from '@peculiar/asn1-schema';
import * as asn1js from 'asn1js';

/** SM2 signature with SM3 (GM/T 0006). */
export const OID_SM2_WITH_SM3 = '1.2.156.10197.1.501';
/** SM3 digest (GM/T 0006). */
export const OID_SM3 = '1.2.156.10197.1.401';
export const SES_VERSION = 4;

export class SesHeader {
  @AsnProp({ type: AsnPropTypes.IA5String }) id = 'ES';
  @AsnProp({ type: AsnPropTypes.Integer }) version = SES_VERSION;
  @AsnProp({ type: AsnPropTypes.IA5String }) vid = '';
  constructor(p: Partial<SesHeader> = {}) { Object.assign(this, p); }
}

@AsnType({ type: AsnTypeTypes.Sequence, itemType: AsnPropTypes.OctetString })
export class CertInfoList extends AsnArray<ArrayBuffer> {}

export class SesPropertyInfo {
  /** 1 = 单位印章 (organisation seal), 2 = 个人印章. */
  @AsnProp({ type: AsnPropTypes.Integer }) type = 1;
  @AsnProp({ type: AsnPropTypes.Utf8String }) name = '';
  /** 1 = the list holds certificates, 2 = certificate digests. */
  @AsnProp({ type: AsnPropTypes.Integer }) certListType = 1;
  @AsnProp({ type: CertInfoList }) certList = new CertInfoList();
  @AsnProp({ type: AsnPropTypes.GeneralizedTime }) createDate = new Date(0);
  @AsnProp({ type: AsnPropTypes.GeneralizedTime }) validStart = new Date(0);
  @AsnProp({ type: AsnPropTypes.GeneralizedTime }) validEnd = new Date(0);
  constructor(p: Partial<SesPropertyInfo> = {}) { Object.assign(this, p); }
}

export class SesPictureInfo {
  @AsnProp({ type: AsnPropTypes.IA5String }) type = 'PNG';
  @AsnProp({ type: AsnPropTypes.OctetString }) data = new ArrayBuffer(0);
  /** Display size in millimetres. */
  @AsnProp({ type: AsnPropTypes.Integer }) width = 40;
  @AsnProp({ type: AsnPropTypes.Integer }) height = 40;
  constructor(p: Partial<SesPictureInfo> = {}) { Object.assign(this, p); }
}

export class SesSealInfo {
  @AsnProp({ type: SesHeader }) header = new SesHeader();
  @AsnProp({ type: AsnPropTypes.IA5String }) esID = '';
  @AsnProp({ type: SesPropertyInfo }) property = new SesPropertyInfo();
  @AsnProp({ type: SesPictureInfo }) picture = new SesPictureInfo();
  constructor(p: Partial<SesSealInfo> = {}) { Object.assign(this, p); }
}

export class SesSeal {
  @AsnProp({ type: SesSealInfo }) eSealInfo = new SesSealInfo();
  /** The seal maker's (制章者) X.509 certificate, DER. */
  @AsnProp({ type: AsnPropTypes.OctetString }) cert = new ArrayBuffer(0);
  @AsnProp({ type: AsnPropTypes.ObjectIdentifier }) signAlgID = OID_SM2_WITH_SM3;
  /** The maker's SM2 signature (DER) over the DER of eSealInfo. */
  @AsnProp({ type: AsnPropTypes.BitString }) signedValue = new ArrayBuffer(0);
  constructor(p: Partial<SesSeal> = {}) { Object.assign(this, p); }
}

export class TbsSign {
  @AsnProp({ type: AsnPropTypes.Integer }) version = SES_VERSION;
  @AsnProp({ type: SesSeal }) eseal = new SesSeal();
  @AsnProp({ type: AsnPropTypes.GeneralizedTime }) timeInfo = new Date(0);
  /** SM3 of the protected data (in OFD: the Signature.xml file). */
  @AsnProp({ type: AsnPropTypes.BitString }) dataHash = new ArrayBuffer(0);
  /** In OFD: the path of the Signature.xml file. */
  @AsnProp({ type: AsnPropTypes.IA5String }) propertyInfo = '';
  constructor(p: Partial<TbsSign> = {}) { Object.assign(this, p); }
}

export class SesSignature {
  @AsnProp({ type: TbsSign }) toSign = new TbsSign();
  /** The signer's (签章者) X.509 certificate, DER. */
  @AsnProp({ type: AsnPropTypes.OctetString }) cert = new ArrayBuffer(0);
  @AsnProp({ type: AsnPropTypes.ObjectIdentifier }) signatureAlgID = OID_SM2_WITH_SM3;
  /** SM2 signature (DER) over the DER of toSign. */
  @AsnProp({ type: AsnPropTypes.BitString }) signature = new ArrayBuffer(0);
  constructor(p: Partial<SesSignature> = {}) { Object.assign(this, p); }
}

export const der = (v: object): Buffer => Buffer.from(AsnSerializer.serialize(v));
export const ab = (b: Uint8Array): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

export function parseSesSignature(bytes: Uint8Array): SesSignature {
  return AsnParser.parse(bytes, SesSignature);
}

/**
 * The exact DER bytes of the first element of a SEQUENCE (the signed part: TBS_Sign in SES_Signature, eSealInfo in
 * SES_Seal), as they stand in the file, not as re-encoded.
 */
export function firstElementBytes(seq: Uint8Array): Buffer {
  const parsed = asn1js.fromBER(ab(seq));
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) throw new Error('not a DER SEQUENCE');
  const first = parsed.result.valueBlock.value[0];
  if (!first) throw new Error('empty SEQUENCE');
  return Buffer.from(first.valueBeforeDecodeView);
}
