import { parseArgs } from 'node:util';
import { z } from 'zod';
import { BASELINE_VARIANT, PRAGMA_VARIANTS, type PragmaVariant } from './variants';

const variantNames = Object.keys(PRAGMA_VARIANTS) as [PragmaVariant, ...PragmaVariant[]];

const schema = z.object({
  workflows: z.coerce.number().int().min(10).max(20_000),
  concurrency: z.coerce.number().int().min(1).max(500),
  rounds: z.coerce.number().int().min(1).max(10),
  warmup: z.coerce.number().int().min(0).max(1_000),
  variants: z
    .string()
    .transform((list) => list.split(',').map((name) => name.trim()))
    .pipe(z.array(z.enum(variantNames)).min(1))
    // The baseline always runs: every ratio is against it, measured in the same run.
    .transform((names) => [BASELINE_VARIANT, ...new Set(names.filter((name) => name !== BASELINE_VARIANT))]),
  cliPath: z.string().optional(),
  searchPath: z.string().optional(),
});

export type PragmasBenchConfig = Readonly<z.infer<typeof schema>>;

export const PRAGMAS_BENCH_USAGE =
  'node --import tsx bench/dev-server-pragmas.ts [N] [--workflows N] [--concurrency C] [--rounds R] ' +
  `[--warmup W] [--variants ${variantNames.join(',')}]`;

/** Parses argv (a bare number is N) and the environment once; throws naming the bad option. */
export function parsePragmasBenchConfig(argv: readonly string[], env: NodeJS.ProcessEnv): PragmasBenchConfig {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      workflows: { type: 'string', short: 'n' },
      concurrency: { type: 'string', short: 'c' },
      rounds: { type: 'string', short: 'r' },
      warmup: { type: 'string' },
      variants: { type: 'string' },
    },
  });
  const parsed = schema.safeParse({
    workflows: values.workflows ?? positionals[0] ?? 500,
    concurrency: values.concurrency ?? 32,
    rounds: values.rounds ?? 2,
    warmup: values.warmup ?? 20,
    variants: values.variants ?? 'defaults,project,wal-full,wal-off',
    cliPath: env.TEMPORAL_CLI_PATH,
    searchPath: env.PATH,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`--${issue?.path.join('.')}: ${issue?.message}\nusage: ${PRAGMAS_BENCH_USAGE}`);
  }
  return Object.freeze(parsed.data);
}
