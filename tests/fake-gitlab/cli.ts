// Runs the GitLab stand-in until SIGINT/SIGTERM:
//   npx tsx tests/fake-gitlab/cli.ts --port 3300 [--host 127.0.0.1] [--base-path /gitlab]
//     [--seed demo|empty] [--assigned 130] [--era 17.x] [--plain] [--tls | --tls-key key.pem --tls-cert cert.pem]
// `--tls` alone uses the bundled test-only gitlab.com certificate in ./certs. Pages come in GitLab's
// look of the era (add `?theme=dark` or `?theme=system` to a page's URL); `--plain` serves the bare markup.

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ERA_NAMES, startStandIn, type EraName, type StandInOptions } from './server';

function usage(message: string): never {
  console.error(`stand-in: ${message}`);
  console.error(`usage: tsx tests/fake-gitlab/cli.ts [--port N] [--host H] [--base-path /p] [--seed demo|empty] [--assigned N] [--era ${ERA_NAMES.join('|')}] [--plain] [--tls | --tls-key F --tls-cert F]`);
  process.exit(2);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'base-path': { type: 'string' },
      seed: { type: 'string' },
      assigned: { type: 'string' },
      era: { type: 'string' },
      plain: { type: 'boolean' },
      tls: { type: 'boolean' },
      'tls-key': { type: 'string' },
      'tls-cert': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) usage('help');

  const options: StandInOptions = { look: !values.plain };
  if (values.era !== undefined) {
    if (!(ERA_NAMES as string[]).includes(values.era)) usage(`bad --era ${values.era}`);
    options.era = values.era as EraName;
  }
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) usage(`bad --port ${values.port}`);
    options.port = port;
  }
  if (values.host !== undefined) options.host = values.host;
  if (values['base-path'] !== undefined) options.basePath = values['base-path'];
  if (values.seed !== undefined) {
    if (values.seed !== 'demo' && values.seed !== 'empty') usage(`bad --seed ${values.seed}`);
    options.seed = values.seed;
  }
  if (values.assigned !== undefined) {
    const count = Number(values.assigned);
    if (!Number.isInteger(count) || count < 0) usage(`bad --assigned ${values.assigned}`);
    options.assignedIssueCount = count;
  }
  const keyFile = values['tls-key'] ?? (values.tls ? new URL('./certs/gitlab.com.key', import.meta.url) : undefined);
  const certFile = values['tls-cert'] ?? (values.tls ? new URL('./certs/gitlab.com.crt', import.meta.url) : undefined);
  if ((keyFile === undefined) !== (certFile === undefined)) usage('--tls-key and --tls-cert go together');
  if (keyFile !== undefined && certFile !== undefined) options.tls = { key: readFileSync(keyFile), cert: readFileSync(certFile) };

  const standIn = await startStandIn(options);
  console.log(`GitLab stand-in listening at ${standIn.url}/`);
  console.log(`token:           ${standIn.token}`);
  console.log(`read-only token: ${standIn.readonlyToken}`);
  console.log(`OAuth app id:    ${standIn.oauthClientId} (any redirect URL)`);
  console.log(`try: ${standIn.url}/acme/web/-/issues/1`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    console.log(`stand-in: ${signal}, closing`);
    standIn.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
