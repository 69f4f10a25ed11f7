// Jest setup for suites that start Temporal workers: the SDK logs WARN and above, and the Rust core only errors (the
// time-skipping server lacks a capability the core warns about at every worker start), so a passing run reads as a
// list of tests rather than worker state changes.
import { DefaultLogger, makeTelemetryFilterString, Runtime } from '@temporalio/worker';

Runtime.install({
  logger: new DefaultLogger('WARN'),
  telemetryOptions: { logging: { console: {}, filter: makeTelemetryFilterString({ core: 'ERROR' }) } },
});
