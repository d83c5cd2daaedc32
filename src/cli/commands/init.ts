// `crosstrust init`: a new certified-compatible config directory (CA + identity, PKCS#8 keys 0600).
import { existsSync, readdirSync } from 'node:fs';
import { KEY_TYPES, createIdentity, renderRfc4514, parseCertificate, toPem, type KeyType } from '../../pki/index.ts';
import { CliRefusal, CliUsageError, parseCliArgs, type CommandModule } from '../cli-support.ts';
import { FILE_MODE, KEY_MODE, privateKeyPem, writeFilesAtomically, cliNowMs } from '../config-dir.ts';

const usage = `usage: crosstrust init --dir D (--name NAME | --org O --unit OU) [--uid U] [--country C] [--state S]
       [--locality L] [--domain example.org] [--host DNS_OR_IP]... [--email E]... [--uri U]...
       [--key ed25519|p256|p384] [--days N] [--ca-path-len N]
  --ca-path-len: certified's CAs have 0; use 1 or more to cross-certify partner CAs later`;

export const command: CommandModule = {
  usage,
  async run(args, io) {
    const { values } = parseCliArgs(args, {
      dir: { type: 'string' }, name: { type: 'string' }, org: { type: 'string' }, unit: { type: 'string' },
      uid: { type: 'string' }, country: { type: 'string' }, state: { type: 'string' }, locality: { type: 'string' },
      domain: { type: 'string' }, host: { type: 'string', multiple: true }, email: { type: 'string', multiple: true },
      uri: { type: 'string', multiple: true }, key: { type: 'string' }, days: { type: 'string' }, 'ca-path-len': { type: 'string' },
    }, false);
    if (!values.dir) throw new CliUsageError('--dir is required');
    if (!values.name && !values.org) throw new CliUsageError('--name or --org/--unit is required');
    const keyType = (values.key ?? 'ed25519') as KeyType;
    if (!KEY_TYPES.includes(keyType)) throw new CliUsageError(`--key must be one of ${KEY_TYPES.join(', ')}`);
    const days = values.days === undefined ? 365 : Number(values.days);
    const caPathLen = values['ca-path-len'];
    if (caPathLen !== undefined && !/^\d$/.test(caPathLen)) throw new CliUsageError('--ca-path-len must be a number from 0 to 9');
    if (existsSync(values.dir) && readdirSync(values.dir).length > 0) throw new CliRefusal('CONFIG_EXISTS', `${values.dir} exists and is not empty`);
    const idn = await createIdentity({
      name: {
        ...(values.org ? { org: values.org, unit: values.unit ?? '' } : { commonName: values.name ?? '' }),
        ...(values.uid ? { uid: values.uid } : {}),
        ...(values.country ? { country: values.country } : {}),
        ...(values.state ? { state: values.state } : {}),
        ...(values.locality ? { locality: values.locality } : {}),
        ...(values.domain ? { domain: values.domain } : {}),
      },
      san: { hosts: values.host ?? [], emails: values.email ?? [], uris: values.uri ?? [] },
      keyType,
      validityDays: days,
      atMs: cliNowMs(),
      extractableKeys: true,
      ...(caPathLen !== undefined ? { caPathLength: Number(caPathLen) } : {}),
    });
    const caPem = toPem('CERTIFICATE', idn.caCertDer);
    writeFilesAtomically(values.dir, [
      { path: 'CA.key', data: await privateKeyPem(idn.caKeys.privateKey), mode: KEY_MODE },
      { path: 'id.key', data: await privateKeyPem(idn.idKeys.privateKey), mode: KEY_MODE },
      { path: 'CA.crt', data: caPem, mode: FILE_MODE },
      { path: 'id.crt', data: toPem('CERTIFICATE', idn.idCertDer), mode: FILE_MODE },
      { path: 'known_servers/self.crt', data: caPem, mode: FILE_MODE },
      { path: 'known_clients/self.crt', data: caPem, mode: FILE_MODE },
    ]);
    io.stdout(`Generated new config for ${renderRfc4514(parseCertificate(idn.idCertDer).subject)} at ${values.dir}.\n`);
    return 0;
  },
};
