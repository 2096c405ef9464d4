/**
 * P-05 offline verification command (docs/OPERATIONS.md "电子证书离线核验").
 *
 *   # once, while online: save the published keys
 *   curl -s https://<host>/api/public/certificates/public-key > keys.json
 *   # then, with no network:
 *   node dist/bin/certificate-verify.js --keys keys.json 职称证书-320020265000123.ofd
 *   node dist/bin/certificate-verify.js --keys keys.json --qr 'https://<host>/verify?code=…#zc1.….…'
 *
 *   # seal key bundle (software keys; production should plug a certified signing device, see seal/signer.ts)
 *   node dist/bin/certificate-verify.js keys init   <bundle.json>   # creates it if missing
 *   node dist/bin/certificate-verify.js keys rotate <bundle.json>   # new current key, old public keys kept
 *
 * Exit code 0: valid signature; 1: not valid; 2: usage or unreadable input. The live status (valid / revoked /
 * replaced) needs the online check (`POST /api/public/certificates/verify-ofd` / `verify-qr`).
 */
import { readFileSync } from 'node:fs';
import { decodeQrPayload, splitQrText } from '@zhicheng/contracts';
import { sm2Verify } from '../common/crypto/sm2.js';
import { verifyOfd } from '../modules/certificate/seal/ofd.js';
import { loadSealBundle, rotateSealBundle, type SealPublicKey } from '../modules/certificate/seal/signer.js';

const pemDer = (pem: string) => Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');

function readKeys(file: string): SealPublicKey[] {
  const j = JSON.parse(readFileSync(file, 'utf8')) as { sm2?: { keyId: string; publicKeyHex: string; certificatePem: string; caCertificatePem: string }[] };
  if (!Array.isArray(j.sm2) || !j.sm2.length) throw new Error('密钥文件中没有 SM2 公钥（应为 /api/public/certificates/public-key 的应答）');
  return j.sm2.map((k) => ({ keyId: k.keyId, publicKeyHex: k.publicKeyHex, certificateDer: pemDer(k.certificatePem), caCertificateDer: pemDer(k.caCertificatePem) }));
}

function main(argv: string[]): number {
  if (argv[0] === 'keys' && (argv[1] === 'init' || argv[1] === 'rotate') && argv[2]) {
    const b = argv[1] === 'init' ? loadSealBundle(argv[2]) : rotateSealBundle(argv[2]);
    console.log(`当前签章密钥 ${b.current.keyId}；保留的旧密钥 ${b.previous.map((k) => k.keyId).join('、') || '无'}`);
    return 0;
  }
  const ki = argv.indexOf('--keys');
  const qi = argv.indexOf('--qr');
  if (ki < 0 || !argv[ki + 1]) {
    console.error('用法：certificate-verify --keys keys.json <文件.ofd> | --qr <二维码内容>');
    return 2;
  }
  const keys = readKeys(argv[ki + 1]!);
  if (qi >= 0) {
    const parts = splitQrText(argv[qi + 1] ?? '');
    const payload = parts ? decodeQrPayload(parts.payloadJson) : null;
    if (!parts || !payload) {
      console.error('二维码内容不是本平台的电子证书数据');
      return 2;
    }
    const key = keys.find((k) => k.keyId === payload.keyId);
    const ok = !!key && sm2Verify(parts.payloadBytes, parts.signature, key.publicKeyHex);
    console.log(JSON.stringify({ signatureValid: ok, keyKnown: !!key, data: payload }, null, 2));
    console.log(ok ? '二维码数据签名有效（证书当前状态请在线核验）' : '二维码数据签名无效：内容可能被篡改');
    return ok ? 0 : 1;
  }
  const file = argv.filter((a, i) => i !== ki && i !== ki + 1 && !a.startsWith('--'))[0];
  if (!file) {
    console.error('请给出 OFD 文件');
    return 2;
  }
  const v = verifyOfd(readFileSync(file), keys);
  console.log(JSON.stringify(v, null, 2));
  console.log(v.ok ? `电子印章有效：${v.sealName}，证书编号 ${v.certificateNo}（证书当前状态请在线核验）` : `电子印章无效：${v.problems.join('；')}`);
  return v.ok ? 0 : 1;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 2;
}
