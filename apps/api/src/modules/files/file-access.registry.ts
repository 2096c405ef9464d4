import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user.js';
import type { StoredFile } from './entities/stored-file.entity.js';

export type FileAccessCheck = (user: AuthUser, file: StoredFile) => Promise<boolean>;

/**
 * Who besides the owner may read a file depends on what it is attached to. Each domain registers a
 * check for its purpose (e.g. the declaration module: users on the declaration's audit path).
 */
@Injectable()
export class FileAccessRegistry {
  private readonly checks = new Map<string, FileAccessCheck[]>();

  /** Several domains may register for one purpose (e.g. the experts of a review plan read declaration files too): any of them grants. */
  register(purpose: string, check: FileAccessCheck): void {
    this.checks.set(purpose, [...(this.checks.get(purpose) ?? []), check]);
  }

  async canRead(user: AuthUser, file: StoredFile): Promise<boolean> {
    if (file.ownerUserId === user.id) return true;
    for (const check of this.checks.get(file.purpose) ?? []) if (await check(user, file)) return true;
    return false;
  }
}
