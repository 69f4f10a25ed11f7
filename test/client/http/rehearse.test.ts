import { rehearseInChildProcess } from '../../../client/http/routes/rehearsal-process';
import { openTestDatabase, type TestDatabase } from '../../helpers/test-databases';
import { addAccount, buildTestApi, loginHeaders } from './helpers/api-fixture';
import { calendar, planYaml, seedUnits } from './helpers/api-seed';

describe('POST /api/plans/rehearse', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    await seedUnits(database.db);
  });
  afterAll(() => database?.close());

  it('runs the plan in a child process on the time-skipping server: every notice, nothing sent or written', async () => {
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', DATABASE_URL: database.url };
    const api = buildTestApi(database.db, {
      api: { workingCalendar: calendar, rehearse: (source, file) => rehearseInChildProcess(source, file, env) },
    });
    try {
      await addAccount(database.db, 'dien-tap', 'admin');
      const response = await api.app.inject({
        method: 'POST',
        url: '/api/plans/rehearse?file=thu.yaml',
        headers: { ...(await loginHeaders(api.app, 'dien-tap')), 'content-type': 'application/yaml' },
        payload: planYaml('DT/KH-UBND'),
      });
      expect(response.statusCode).toBe(200);
      const rehearsal = response.json<{
        notices: Array<{ kind: string; unitCode: string; to: string }>;
        rollups: Array<{ milestone: string; rollup: { units: number; missing: number } }>;
      }>();
      expect(rehearsal.notices).toContainEqual(
        expect.objectContaining({ kind: 'assignment', unitCode: 'SGD', to: 'Nguyễn Văn An · an@sgd.example.invalid' }),
      );
      expect(rehearsal.notices.some((notice) => notice.kind === 'escalation')).toBe(true);
      expect(rehearsal.rollups).toEqual([
        { milestone: 'tong-ket', rollup: expect.objectContaining({ units: 2, missing: 2 }) },
      ]);
      expect(await database.db.selectFrom('plans').select('code').execute()).toEqual([]);
    } finally {
      await api.close();
    }
  });
});
