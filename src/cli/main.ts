import { Command } from 'commander';
import { HAYWIRE_VERSION } from '../engine/run-versions.ts';
import { silenceSqliteWarning } from '../store/index.ts';
import { registerCalibrate } from './commands/calibrate.ts';
import { registerCompare } from './commands/compare.ts';
import { registerExport } from './commands/export.ts';
import { registerGrade } from './commands/grade.ts';
import { registerGuard } from './commands/guard.ts';
import { registerGuardApprovals } from './commands/guard-approvals.ts';
import { registerGuardServe } from './commands/guard-serve.ts';
import { registerImport } from './commands/import.ts';
import { registerMockServer } from './commands/mock-server.ts';
import { registerRegrade } from './commands/regrade.ts';
import { registerReport } from './commands/report.ts';
import { registerRun } from './commands/run.ts';
import { registerRuns } from './commands/runs.ts';
import { registerScenarios } from './commands/scenarios.ts';
import { registerShow } from './commands/show.ts';
import { registerView } from './commands/view.ts';
import { EXIT, exitCodeFor } from './exit-codes.ts';

/** Builds the `haywire` command: thin, it parses input and calls the library. */
export function createProgram(): Command {
  const program = new Command()
    .name('haywire')
    .description(
      'Find out whether an AI agent turns against its operators under pressure (blackmail, leaking, letting a person come to harm).\n' +
        'Start with `haywire run`; results live in ./.haywire/haywire.db.',
    )
    .version(HAYWIRE_VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerRun(program);
  registerRuns(program);
  registerShow(program);
  registerCompare(program);
  registerGrade(program);
  registerRegrade(program);
  registerImport(program);
  registerCalibrate(program);
  registerScenarios(program);
  // `haywire guard`: check and audit verify; serve and approvals attach to the returned group.
  const guard = registerGuard(program);
  registerGuardServe(guard);
  registerGuardApprovals(guard);
  registerMockServer(program);
  registerReport(program);
  registerExport(program);
  registerView(program);
  return program;
}

/** Runs the CLI with arguments (without `node` and the script) and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  silenceSqliteWarning();
  // A reader that stopped early (`haywire grade … | head`) is not an error: there is no one left to write to.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT.ok);
    throw error;
  });
  try {
    process.exitCode = EXIT.ok;
    await createProgram().parseAsync([...argv], { from: 'user' });
    return Number(process.exitCode ?? EXIT.ok);
  } catch (error) {
    return exitCodeFor(error, (text) => process.stderr.write(text));
  }
}
