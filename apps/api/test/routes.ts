import { ModulesContainer } from '@nestjs/core';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { getMetadataStorage } from 'class-validator';
import { IS_PUBLIC, PERMISSION } from '../src/common/auth/decorators.js';
import type { TestContext } from './context.js';

export interface RouteInfo {
  method: string;
  path: string;
  access: string;
  /** Property names of the @Body() DTO (class-validator metadata), when the handler takes one. */
  bodyFields: string[] | null;
  /** Property names of the @Query() DTO, when the handler takes one. */
  queryFields: string[] | null;
}

function dtoFields(cls: unknown): string[] | null {
  if (typeof cls !== 'function' || cls === Object || cls === String || cls === Number || cls === Boolean || cls === Array) return null;
  const metas = getMetadataStorage().getTargetValidationMetadatas(cls as new () => unknown, '', true, false);
  return [...new Set(metas.map((m) => m.propertyName))];
}

/** Every route of the running application, read from the Nest controllers' metadata. */
export function collectRoutes(t: TestContext): RouteInfo[] {
  const routes: RouteInfo[] = [];
  for (const mod of t.app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const cls = wrapper.metatype as (new (...a: unknown[]) => unknown) | null;
      if (!cls) continue;
      const base = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, cls) ?? '')[0] ?? '';
      for (const name of Object.getOwnPropertyNames(cls.prototype)) {
        const handler = (cls.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const sub = Reflect.getMetadata(PATH_METADATA, handler);
        if (sub === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number] ?? '?';
        const isPublic = Reflect.getMetadata(IS_PUBLIC, handler) ?? Reflect.getMetadata(IS_PUBLIC, cls);
        const perm = Reflect.getMetadata(PERMISSION, handler) ?? Reflect.getMetadata(PERMISSION, cls);
        const p = ['/api', base, ([] as string[]).concat(sub)[0]].filter((s) => s && s !== '/').join('/').replace(/\/+/g, '/');
        const types: unknown[] = Reflect.getMetadata('design:paramtypes', cls.prototype, name) ?? [];
        const args: Record<string, { index: number; data?: unknown }> = Reflect.getMetadata(ROUTE_ARGS_METADATA, cls, name) ?? {};
        let bodyFields: string[] | null = null;
        let queryFields: string[] | null = null;
        for (const [key, a] of Object.entries(args)) {
          const kind = Number(key.split(':')[0]);
          if (kind === RouteParamtypes.BODY && a.data === undefined) bodyFields = dtoFields(types[a.index]) ?? [];
          if (kind === RouteParamtypes.QUERY && a.data === undefined) queryFields = dtoFields(types[a.index]) ?? [];
        }
        routes.push({ method, path: p, access: isPublic ? 'public' : (perm ?? 'NONE'), bodyFields, queryFields });
      }
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}
