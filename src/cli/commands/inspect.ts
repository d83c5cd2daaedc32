// `crosstrust inspect FILE`: what a file is (intro.json, certificate, CSR, known_servers YAML),
// with subjects, fingerprints and validity. Reads only; judges nothing.
import {
  MAX_INTRO_JSON_BYTES, basicConstraintsOf, fingerprintOf, isPkiError, parseCertificate, parseIntroJson, readKnownServerYaml,
  readPeerInput, renderRfc4514, subjectAltNamesOf, summarisePeer, utf8, fromCertifiedB64, type Certificate,
} from '../../pki/index.ts';
import { CliRefusal, CliUsageError, parseCliArgs, type CommandModule } from '../cli-support.ts';
import { readInputFile } from '../config-dir.ts';

async function describeCert(label: string, c: Certificate): Promise<string[]> {
  const bc = basicConstraintsOf(c);
  const sans = subjectAltNamesOf(c) ?? [];
  const sanText = sans.map((g) => (g.type === 'ip' ? `IP:${Array.from(g.value).join(g.value.length === 4 ? '.' : ',')}` : g.type === 'dn' ? `DN:${renderRfc4514(g.value)}` : g.type === 'other' ? 'other' : `${g.type}:${g.value}`));
  return [
    `${label}: ${bc?.ca ? `CA certificate${bc.pathLength !== undefined ? ` (path length ${bc.pathLength})` : ''}` : 'end-entity certificate'}`,
    `  subject:     ${renderRfc4514(c.subject)}`,
    `  issuer:      ${renderRfc4514(c.issuer)}`,
    `  valid:       ${new Date(c.notBeforeMs).toISOString()} to ${new Date(c.notAfterMs).toISOString()}`,
    ...(sanText.length ? [`  names:       ${sanText.join(', ')}`] : []),
    `  SHA-256:     ${(await fingerprintOf(c.der)).colon}`,
  ];
}

export const command: CommandModule = {
  usage: 'usage: crosstrust inspect FILE',
  async run(args, io) {
    const { positionals } = parseCliArgs(args, {});
    if (positionals.length !== 1) throw new CliUsageError('exactly one FILE is required');
    const bytes = readInputFile(positionals[0]!, MAX_INTRO_JSON_BYTES);
    let text: string | undefined;
    try {
      text = utf8.decode(bytes);
    } catch {
      text = undefined;
    }
    const out: string[] = [];
    if (text !== undefined && text.trimStart().startsWith('{')) {
      const doc = parseIntroJson(text);
      out.push('intro.json (certified introduction)');
      out.push(...(await describeCert('signed_cert', parseCertificate(doc.signedCertDer))));
      out.push(...(await describeCert('ca_cert', parseCertificate(doc.caCertDer))));
      for (const s of doc.services ?? []) out.push(`service: ${s.alias} → ${s.url}`);
    } else if (text !== undefined && /^(auths|cert|url):/m.test(text) && !text.includes('-----BEGIN')) {
      const r = readKnownServerYaml(text);
      out.push('known_servers YAML (certified service record)', `  url:   ${r.url}`, `  auths: ${r.auths.join(' | ') || '(none)'}`);
      if (r.cert) out.push(...(await describeCert('cert', parseCertificate(fromCertifiedB64(r.cert)))));
    } else {
      let peer;
      try {
        peer = readPeerInput(text !== undefined && bytes[0] !== 0x30 ? text : bytes);
      } catch (e) {
        if (isPkiError(e)) throw new CliRefusal(e.code, `not a file crosstrust understands: ${e.message}`);
        throw e;
      }
      if (peer.kind === 'certificate') out.push(...(await describeCert('certificate', peer.cert)));
      else {
        const s = await summarisePeer(peer);
        out.push('PKCS#10 certificate request', `  subject:     ${s.subject}`, `  key:         ${s.keyAlgorithm}`, `  SHA-256:     ${s.fingerprint.colon}`);
      }
    }
    io.stdout(out.join('\n') + '\n');
    return 0;
  },
};
