import { condition, defineSignal, setHandler } from '@temporalio/workflow';

/** Ends a waitForSignalWorkflow. */
export const releaseSignal = defineSignal('release');

/**
 * The trivial open workflow of the fan-out baseline: started, one workflow task, then it waits with no timer and no
 * activity until released. What a server does for it is the floor of what it does for any running workflow.
 */
export async function waitForSignalWorkflow(): Promise<void> {
  let released = false;
  setHandler(releaseSignal, () => void (released = true));
  await condition(() => released);
}
