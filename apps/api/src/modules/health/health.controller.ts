import { Controller, Get } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Public } from '../../common/auth/decorators.js';

@Controller('health')
export class HealthController {
  constructor(private readonly ds: DataSource) {}

  @Get()
  @Public()
  async health(): Promise<{ status: string; database: string; time: string }> {
    await this.ds.query('SELECT 1');
    return { status: 'ok', database: 'up', time: new Date().toISOString() };
  }
}
