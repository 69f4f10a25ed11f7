import {
  complianceFigures,
  emptyCounts,
  formatPercent,
  levelLabel,
} from '../../../domain/obligation/compliance-figures';
import { daysLate, lastDayOf, worstStatus } from '../../../domain/obligation/compliance-status';

describe('compliance figures', () => {
  it('takes percentages of the reports owed, exempt and cancelled of all', () => {
    const figures = complianceFigures({
      ...emptyCounts(),
      total: 7,
      onTime: 2,
      late: 1,
      missing: 1,
      exempt: 2,
      cancelled: 1,
    });
    expect(figures).toMatchObject({ expected: 4, submitted: 3 });
    expect(figures.percent).toMatchObject({
      onTime: 50,
      late: 25,
      submitted: 75,
      missing: 25,
      exempt: 28.6,
      cancelled: 14.3,
    });
    expect(complianceFigures(emptyCounts()).percent.onTime).toBeNull();
    expect([formatPercent(66.7), formatPercent(100), formatPercent(null)]).toEqual(['66,7%', '100%', '—']);
  });

  it('names levels from the plan, capitalised, and numbers the ones it does not name', () => {
    expect([0, 1, 2].map((level) => levelLabel(['cấp huyện', 'ấp'], level))).toEqual(['Cấp huyện', 'Ấp', 'Cấp 3']);
  });

  it('reads a deadline at 24:00 as its last day and counts days late in civil days', () => {
    const due = '2031-09-18T00:00:00+07:00';
    expect(lastDayOf(due)).toBe('2031-09-17');
    expect(daysLate(due, '2031-09-17T23:59:59+07:00')).toBe(0);
    expect(daysLate(due, '2031-09-18T00:00:00+07:00')).toBe(1);
    expect(daysLate(due, '2031-09-18T23:00:00+07:00')).toBe(1);
    expect(daysLate(due, '2031-09-20T08:00:00+07:00')).toBe(3);
    // An instant given in UTC is read on Vietnam's calendar: 17:30Z on the 18th is already the 19th in Vietnam.
    expect(daysLate(due, '2031-09-18T17:30:00Z')).toBe(2);
  });

  it("colours a cell with several reports by the worst one's status", () => {
    expect(worstStatus(['on-time', 'late', 'open'])).toBe('late');
    expect(worstStatus(['exempt', 'on-time'])).toBe('on-time');
    expect(worstStatus(['overdue', 'missing'])).toBe('missing');
  });
});
