import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './helpers.js';

// Runs last (one worker, files in name order): the API's log of the whole run, every spec above included, holds no ID
// number, mobile number, password or token (issue 13). The API writes it to the run's data folder (playwright.config).
const ID_NUMBER = /(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/;
const MOBILE = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/;

test('the API log of the whole run holds no ID number, mobile, password or token', () => {
  const log = readFileSync(path.join(process.env.E2E_DATA_DIR!, 'api.log'), 'utf8');
  const lines = log.split('\n').filter(Boolean);
  const requests = lines.filter((l) => l.includes('"msg":"request"'));
  // it is the whole run's log: thousands of requests were served and logged
  expect(requests.length).toBeGreaterThan(1000);
  expect(lines.filter((l) => ID_NUMBER.test(l)), 'lines with an ID number').toEqual([]);
  expect(lines.filter((l) => MOBILE.test(l)), 'lines with a mobile number').toEqual([]);
  for (const secret of ['Passw0rd!x', 'Own#Staff2026', 'Bearer ey', 'zc_rt=']) expect(log).not.toContain(secret);
});
