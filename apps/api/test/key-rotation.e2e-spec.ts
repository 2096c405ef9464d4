import { generateKeyPairSync } from 'node:crypto';
import { loadConfig } from '../src/config/config.js';
import { CertificateSigner } from '../src/modules/certificate/certificate-signer.js';
import { Certificate } from '../src/modules/certificate/entities/certificate.entity.js';
import { CryptoService } from '../src/common/crypto/crypto.service.js';
import { checkKeysMatchData } from '../src/database/key-check.js';
import { encryptedColumns, rotateDataKey } from '../src/database/rotate-data-key.js';
import { createTestContext, type TestContext } from './context.js';

/** Issue 12: the data key rotates — old data stays readable with the retired key listed, and the command moves it all. */
describe('data key rotation', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  const NEW_KEY = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

  it('re-encrypts every personal datum under the new key; the old key is then no longer needed', async () => {
    const oldKey = t.config.dataKeyHex;
    const env = { NODE_ENV: 'test', DATA_DIR: '/tmp/zhicheng-test-data', JWT_SECRET: t.config.jwtSecret, INDEX_KEY: t.config.indexKeyHex };
    const both = new CryptoService(loadConfig({ ...env, DATA_KEY: NEW_KEY, DATA_KEYS_OLD: oldKey }));
    const onlyNew = new CryptoService(loadConfig({ ...env, DATA_KEY: NEW_KEY }));
    const [{ mobile_enc: before }] = await t.ds.query(`SELECT mobile_enc FROM users WHERE username = 'applicant'`);
    expect(both.decrypt(before)).toBe('13800138000');
    expect(() => onlyNew.decrypt(before)).toThrow();
    await expect(checkKeysMatchData(t.ds, loadConfig({ ...env, DATA_KEY: NEW_KEY }))).rejects.toThrow(/DATA_KEY/);

    const columns = await encryptedColumns(t.ds);
    expect(columns.map((c) => `${c.table}.${c.column}`)).toEqual(expect.arrayContaining(['users.mobile_enc', 'users.id_card_enc', 'certificates.holder_id_card_enc']));
    const done = await rotateDataKey(t.ds, both, 7);
    expect(done.find((d) => d.table === 'users' && d.column === 'mobile_enc')!.rows).toBeGreaterThan(7);
    // Run again: nothing left to do.
    expect((await rotateDataKey(t.ds, both)).every((d) => d.rows === 0)).toBe(true);

    for (const { table, column } of columns) {
      const rows: { v: string }[] = await t.ds.query(`SELECT "${column}" AS v FROM "${table}" WHERE "${column}" IS NOT NULL`);
      for (const r of rows) {
        expect(r.v.startsWith(`v2.${onlyNew.currentKeyId}.`)).toBe(true);
        expect(() => onlyNew.decrypt(r.v)).not.toThrow();
      }
    }
    const [{ mobile_enc: after }] = await t.ds.query(`SELECT mobile_enc FROM users WHERE username = 'applicant'`);
    expect(onlyNew.decrypt(after)).toBe('13800138000');
    await expect(checkKeysMatchData(t.ds, loadConfig({ ...env, DATA_KEY: NEW_KEY }))).resolves.toBeUndefined();
  });

  it('a rotated certificate signing key: certificates signed with the retired key still verify', async () => {
    const certs = await t.ds.getRepository(Certificate).find();
    expect(certs.length).toBeGreaterThan(0);
    const newKey = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const env = { NODE_ENV: 'test', DATA_DIR: '/tmp/zhicheng-test-data', JWT_SECRET: t.config.jwtSecret, DATA_KEY: t.config.dataKeyHex, INDEX_KEY: t.config.indexKeyHex };
    const onlyNew = new CertificateSigner(loadConfig({ ...env, CERT_SIGNING_KEY: newKey }));
    const rotated = new CertificateSigner(loadConfig({ ...env, CERT_SIGNING_KEY: newKey, CERT_SIGNING_KEYS_OLD: t.config.certSigningKeyPem.replace(/\n/g, '\\n') }));
    expect(rotated.verifyKeys).toHaveLength(2);
    expect(rotated.verifyKeys[0]!.id).not.toBe(rotated.verifyKeys[1]!.id);
    for (const c of certs) {
      expect(onlyNew.verify(c)).toBe(false);
      expect(rotated.verify(c)).toBe(true);
    }
    // New signatures are made with the new key.
    const resigned = { ...certs[0]!, signature: rotated.sign(certs[0]!) };
    expect(onlyNew.verify(resigned)).toBe(true);
  });
});
