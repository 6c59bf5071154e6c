// `kongward <command>`: the one entry point. Each subcommand lives in its own module and is
// loaded only when used, so `kongward validate` does not pay for the server's imports.
import { enableCompileCache } from 'node:module';
import { UsageError } from './flags.ts';

// CI runs `kongward validate` as a fresh process each time: cache V8's compiled code on disk
// (Node's own cache in the OS temp directory; NODE_DISABLE_COMPILE_CACHE=1 turns it off).
enableCompileCache?.();

type Command = { summary: string; run: (argv: string[]) => Promise<number> };

const commands: Record<string, Command> = {
  serve: { summary: 'Serve the admission webhook over HTTPS', run: async (argv) => (await import('./serve.ts')).runServe(argv) },
  convert: { summary: 'Convert manifests between served versions (like kubectl-convert)', run: async (argv) => (await import('./convert.ts')).runConvert(argv) },
  controller: { summary: 'Reconcile DataPlanes, Gateways and Konnect entities (leader-elected)', run: async (argv) => (await import('./controller.ts')).runControllerCommand(argv) },
  generate: { summary: 'Generate deploy/ (CRDs, RBAC, webhook configuration, overlays) from the registry', run: async (argv) => (await import('./generate.ts')).runGenerate(argv) },
  crds: { summary: 'Print the CustomResourceDefinitions generated from the registry', run: async (argv) => (await import('./generate.ts')).runCrds(argv) },
  certs: { summary: 'Issue or inspect webhook certificates (cert-manager Secret layout)', run: async (argv) => (await import('./certs.ts')).runCertsCommand(argv) },
  validate: { summary: 'Validate manifests offline (CI) with the webhook\'s rules', run: async (argv) => (await import('./validate.ts')).runValidate(argv) },
};

function usage(): string {
  const rows = Object.entries(commands).map(([name, command]) => `  ${name.padEnd(12)} ${command.summary}`);
  return `Usage: kongward <command> [options]\n\nCommands:\n${rows.join('\n')}\n\nRun 'kongward <command> --help' for a command's options.\n`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`kongward: unknown command ${JSON.stringify(name)}\n\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`kongward ${name}: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`kongward ${name}: ${(error as Error).message}\n`);
    return 1;
  }
}

process.on('unhandledRejection', (reason) => {
  process.stderr.write(`kongward: unhandled rejection: ${(reason as Error)?.stack ?? String(reason)}\n`);
});

const exitCode = await main(process.argv.slice(2));
process.exitCode = exitCode;
