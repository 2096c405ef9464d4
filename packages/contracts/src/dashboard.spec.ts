import { returnReasonLabel, waitStats } from './dashboard.js';

describe('A-30 waiting statistics from a day histogram', () => {
  it('answers percentile_disc medians and 90th percentiles', () => {
    // 10 declarations: 1 day ×5, 3 days ×3, 10 days ×1, 20 days ×1
    const s = waitStats([
      { days: 10, n: 1 },
      { days: 1, n: 5 },
      { days: 20, n: 1 },
      { days: 3, n: 3 },
    ]);
    expect(s).toEqual({ count: 10, medianDays: 1, p90Days: 10 });
  });

  it('moves the median past a bin boundary as soon as the half is crossed', () => {
    expect(waitStats([{ days: 2, n: 4 }, { days: 5, n: 5 }]).medianDays).toBe(5);
    expect(waitStats([{ days: 2, n: 5 }, { days: 5, n: 5 }]).medianDays).toBe(2);
  });

  it('answers zeros for an empty node and ignores empty bins', () => {
    expect(waitStats([])).toEqual({ count: 0, medianDays: 0, p90Days: 0 });
    expect(waitStats([{ days: 7, n: 0 }, { days: 4, n: 2 }])).toEqual({ count: 2, medianDays: 4, p90Days: 4 });
  });

  it('names a return without a module by its opinion', () => {
    expect(returnReasonLabel('opinion')).toBe('审核意见（未指明模块）');
    expect(returnReasonLabel('education', '学历信息')).toBe('学历信息');
  });
});
