import type { buildHttpServer } from '../../../client/http/build-server';

type App = ReturnType<typeof buildHttpServer>;

/** One answer a submitter got: when (the phase the test was in), its status, and the receipt or the error. */
export interface SubmissionAnswer {
  unit: string;
  phase: string;
  status: number;
  receipt?: string;
  error?: { code?: string; retryable?: boolean; message?: string };
  retryAfter?: string;
}

/**
 * Units submitting through their links in a loop (`POST /api/links/:token/submission`, JSON), each waiting
 * `pauseMs` between tries, until `stop()`; every answer is kept with the phase the test had set (`phase`).
 */
export function startSubmitters(app: App, tokens: Map<string, string>, pauseMs = 100) {
  const answers: SubmissionAnswer[] = [];
  const state = { phase: 'before', stopped: false };
  const loops = [...tokens].map(async ([unit, token]) => {
    for (let attempt = 1; !state.stopped; attempt++) {
      const phase = state.phase;
      const response = await app.inject({
        method: 'POST',
        url: `/api/links/${token}/submission`,
        headers: { 'content-type': 'application/json' },
        payload: { submittedBy: `Cán bộ ${unit}`, text: `Báo cáo của ${unit}, lần ${attempt}` },
      });
      const body = response.json<{ receiptNumber?: string; error?: SubmissionAnswer['error'] }>();
      answers.push({
        unit,
        phase,
        status: response.statusCode,
        ...(body.receiptNumber ? { receipt: body.receiptNumber } : {}),
        ...(body.error ? { error: body.error } : {}),
        ...(response.headers['retry-after'] ? { retryAfter: String(response.headers['retry-after']) } : {}),
      });
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  });
  return {
    answers,
    setPhase: (phase: string) => (state.phase = phase),
    stop: async () => {
      state.stopped = true;
      await Promise.all(loops);
    },
    /** Counts of answers by phase and status: `{ during: { 503: 12 }, after: { 201: 40 } }`. */
    summary: () =>
      answers.reduce<Record<string, Record<number, number>>>((counts, answer) => {
        const phase = (counts[answer.phase] ??= {});
        phase[answer.status] = (phase[answer.status] ?? 0) + 1;
        return counts;
      }, {}),
  };
}
