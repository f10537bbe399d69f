/**
 * `npm run test:electron`: downloads desktop VS Code (the oldest version Parapet supports) with
 * @vscode/test-electron and runs suite/ inside it against the built extension. Needs a network that
 * reaches VS Code's download host; the npm test suite reports when it did not run here.
 */
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../..');
  const workspace = path.join(root, 'test', 'editors', 'workspace');
  await runTests({
    version: process.env.PARAPET_VSCODE_VERSION ?? '1.100.3',
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(__dirname, 'suite', 'index'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
