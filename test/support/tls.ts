// Node-only: a real mutual-TLS handshake between two endpoints, each with its own trust bundle.
import tls from 'node:tls';
import type { AddressInfo } from 'node:net';

export interface Endpoint {
  readonly chainPem: string;
  readonly keyPem: string;
  /** Trust bundle PEM (intermediates as anchors: partial-chain trust). */
  readonly caPem: string;
}

export type HandshakeOutcome = { readonly ok: true } | { readonly ok: false; readonly side: 'client' | 'server'; readonly reason: string };

/** Server requires and verifies a client certificate; client verifies the server for `servername`. */
export async function mutualTls(p: { server: Endpoint; client: Endpoint & { servername: string; verify?: boolean } }): Promise<HandshakeOutcome> {
  let serverReason: string | undefined;
  // Node 20's tls.Server does not forward allowPartialTrustChain to its own context, so the server
  // answers every SNI name with a context that has it (the bundle's intermediates are the anchors).
  const context = tls.createSecureContext({ cert: p.server.chainPem, key: p.server.keyPem, ca: p.server.caPem || undefined, allowPartialTrustChain: true });
  const server = tls.createServer({
    cert: p.server.chainPem,
    key: p.server.keyPem,
    ca: p.server.caPem || undefined,
    requestCert: true,
    rejectUnauthorized: true,
    SNICallback: (_name, cb) => cb(null, context),
  });
  server.on('secureConnection', (s) => s.end('ok'));
  server.on('tlsClientError', (e) => (serverReason = (e as NodeJS.ErrnoException).code ?? e.message));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  try {
    return await new Promise<HandshakeOutcome>((resolve) => {
      let data = '';
      const sock = tls.connect({
        host: '127.0.0.1',
        port,
        servername: p.client.servername,
        cert: p.client.chainPem,
        key: p.client.keyPem,
        ca: p.client.caPem || undefined,
        allowPartialTrustChain: true,
        rejectUnauthorized: p.client.verify ?? true,
      });
      sock.setEncoding('utf8');
      sock.on('data', (d: string) => (data += d));
      const finish = (err?: Error): void => {
        if (data === 'ok') return resolve({ ok: true });
        const code = (err as NodeJS.ErrnoException | undefined)?.code ?? '';
        // Certificate verification codes come from the client's own check of the server.
        if (/^(UNABLE_|CERT_|DEPTH_|SELF_SIGNED|ERR_TLS_CERT_ALTNAME)/.test(code)) return resolve({ ok: false, side: 'client', reason: code });
        // Give the server's tlsClientError a moment to land before attributing the refusal.
        setTimeout(() => {
          if (serverReason) resolve({ ok: false, side: 'server', reason: serverReason });
          else resolve({ ok: false, side: 'client', reason: (err as NodeJS.ErrnoException | undefined)?.code ?? err?.message ?? 'closed' });
        }, 50);
      };
      sock.on('error', (e) => { sock.destroy(); finish(e); });
      sock.on('close', () => finish());
    });
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
}
