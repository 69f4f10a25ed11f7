import type { Command } from 'commander';
import { registerAccountCommands } from './accounts';
import { registerComplianceCommands } from './compliance';
import { registerDemoCommands } from './demo';
import { registerObligationCommands } from './obligations';
import { registerPlanCommands } from './plan';
import { registerUnitCommands } from './units';

/** Every command group of `dondoc`, each registering its subcommands on the program. */
export const commandGroups: ReadonlyArray<(program: Command) => void> = [
  registerPlanCommands,
  registerUnitCommands,
  registerAccountCommands,
  registerComplianceCommands,
  registerObligationCommands,
  registerDemoCommands,
];
