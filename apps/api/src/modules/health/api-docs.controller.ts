import { Controller, Get, Injectable } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { Permission } from '@zhicheng/contracts';
import { RequirePermission } from '../../common/auth/decorators.js';
import { AppException } from '../../common/errors/app.exception.js';

/** The application's OpenAPI document, set once the application is built (app.factory.ts). */
@Injectable()
export class ApiDocs {
  document: OpenAPIObject | null = null;
}

/**
 * Issue 13: a production server mounts no Swagger UI (`/api/docs` answers 404); its administrators read the document
 * here with their access token. Every environment answers it, so integrators test against the same route.
 */
@Controller('admin/openapi.json')
export class ApiDocsController {
  constructor(private readonly docs: ApiDocs) {}

  @Get()
  @RequirePermission(Permission.ApiDocsRead)
  get(): OpenAPIObject {
    if (!this.docs.document) throw AppException.notFound('接口文档');
    return this.docs.document;
  }
}
