import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import * as workflows from '../../workflows';
import { workflowBundle } from '../helpers/test-worker';

const HISTORIES = path.join(__dirname, 'histories');

/** The recorded histories, each with the workflow type it starts (from its first event). */
function recordedHistories() {
  return readdirSync(HISTORIES)
    .filter((file) => file.endsWith('.json'))
    .map((file) => {
      const history = historyFromJSON(JSON.parse(readFileSync(path.join(HISTORIES, file), 'utf8')));
      const type = history.events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name ?? '';
      return { file, history, type };
    });
}

describe('replay of recorded histories (a change that would break running cycles fails here)', () => {
  const histories = recordedHistories();

  it('has a recorded history for every workflow type the worker registers', () => {
    const types = Object.entries(workflows)
      .filter(([name, value]) => typeof value === 'function' && name.endsWith('Workflow'))
      .map(([name]) => name);
    expect(types.length).toBeGreaterThan(0);
    expect(types.filter((type) => !histories.some((history) => history.type === type))).toEqual([]);
  });

  it.each(histories.map((h) => [h.file, h] as const))(
    'replays %s deterministically',
    async (_file, { file, history }) => {
      await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, file);
    },
  );
});
