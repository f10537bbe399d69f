import Mocha = require('mocha');

/**
 * Mocha's spec reporter plus one plain closing line (`N passed, N failed, N skipped`), the form CI
 * tools read to tell a run that tested something from one that ran nothing.
 */
class ParapetReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const s = runner.stats;
      if (s) console.log(`\n${s.passes} passed, ${s.failures} failed, ${s.pending} skipped`);
    });
  }
}

export = ParapetReporter;
