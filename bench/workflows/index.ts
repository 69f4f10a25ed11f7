// The benchmark worker's workflowsPath: kept apart from workflows/ so the figures never depend on our own workflows.
export * from './round-trip';
export * from './wait-for-signal';
