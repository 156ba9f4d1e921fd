import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../../shared/auth/roles.js';
import { ConfigError, LocalConfig, parseConfig } from '../../shared/config.js';
import { devIssuer, issueDevToken, loadDevKeys, readIssuerFile } from './dev-identity.js';

const USAGE = `npm run token -- --role monitor [--role admin] [--name alice] [--sub id] [--ttl 3600] [--id-token]

Prints a staff token signed by the development identity provider of DATA_DIR (the same key
npm start uses). Send it as: Authorization: Bearer <token>. Roles: ${ROLES.join(', ')}; none for a
signed-in person without a role.`;

/** `npm run token`: a staff token for the local server, for curl and the tests by hand. */
async function main() {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true, default: [] },
      name: { type: 'string' },
      sub: { type: 'string' },
      ttl: { type: 'string', default: '3600' },
      'id-token': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const roles = values.role;
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length > 0) throw new ConfigError(`unknown role ${unknown.join(', ')}\n\n${USAGE}`);
  const ttlSeconds = Number(values.ttl);
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > 86_400)
    throw new ConfigError('--ttl: whole seconds, 1 to 86400');

  const config = parseConfig(LocalConfig, process.env);
  if (config.AUTH_ISSUER)
    throw new ConfigError('AUTH_ISSUER is set: this server verifies a real provider’s tokens, sign in there');
  const dataDir = resolve(config.DATA_DIR);
  const running = await readIssuerFile(dataDir);
  const issuer = running?.issuer ?? devIssuer(`http://localhost:${config.PORT}`);
  const keys = await loadDevKeys(dataDir);
  const token = await issueDevToken(keys, {
    issuer,
    roles: roles as Role[],
    name: values.name,
    sub: values.sub,
    ttlSeconds,
    tokenUse: values['id-token'] ? 'id' : 'access',
  });
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
