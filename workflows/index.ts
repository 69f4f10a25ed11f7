// The worker's workflowsPath: every workflow type the worker registers.
export * from './milestone-alarm';
export * from './plan-cycle';
export * from './unit-milestone';
export * from './leaders-digest';
export * from './zalo-receipts';
