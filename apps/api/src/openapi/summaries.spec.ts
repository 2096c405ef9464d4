import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { SUMMARIES } from './summaries.js';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function controllerFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return controllerFiles(p);
    return e.name.endsWith('.controller.ts') ? [p] : [];
  });
}

/** Every route of every controller, keyed as the OpenAPI document writes it: `GET /api/things/{id}`. */
async function routeKeys(): Promise<string[]> {
  const keys: string[] = [];
  for (const file of controllerFiles(SRC)) {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const cls of Object.values(mod)) {
      if (typeof cls !== 'function' || Reflect.getMetadata(PATH_METADATA, cls) === undefined) continue;
      const base = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, cls) as string | string[])[0] ?? '';
      const proto = (cls as { prototype: Record<string, unknown> }).prototype;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const fn = proto[name];
        if (name === 'constructor' || typeof fn !== 'function') continue;
        const sub = Reflect.getMetadata(PATH_METADATA, fn) as string | string[] | undefined;
        if (sub === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, fn) as number];
        const p = ['/api', base, ([] as string[]).concat(sub)[0]].filter((s) => s && s !== '/').join('/').replace(/\/+/g, '/');
        keys.push(`${method} ${p.replace(/:(\w+)/g, '{$1}')}`);
      }
    }
  }
  return keys.sort();
}

describe('OpenAPI summaries (issue 19)', () => {
  it('every route has a one-line Chinese summary, and every summary names a route', async () => {
    const routes = await routeKeys();
    expect(routes.length).toBeGreaterThan(200);
    expect(routes.filter((k) => !SUMMARIES[k])).toEqual([]);
    expect(Object.keys(SUMMARIES).filter((k) => !routes.includes(k))).toEqual([]);
    for (const [key, summary] of Object.entries(SUMMARIES)) {
      expect({ key, chinese: /[\u4e00-\u9fff]/.test(summary), oneLine: !/\n/.test(summary) }).toEqual({ key, chinese: true, oneLine: true });
    }
  });
});
