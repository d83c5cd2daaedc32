// The Content-Security-Policy of the built app, shared by vite.config.ts (meta tag), the single-file
// build (hashes instead of 'self' for inline code) and docs/public/_headers. Build-time only; no DOM.

/** Directives every build shares. `frame-ancestors` is header-only (ignored in a meta tag). */
export interface CspOptions {
  /** Extra script sources, e.g. `'sha256-…'` hashes of inline scripts in the single-file build. */
  readonly scriptSrc?: ReadonlyArray<string>;
  /** Extra style sources, e.g. hashes of inline styles in the single-file build. */
  readonly styleSrc?: ReadonlyArray<string>;
  /** Add header-only directives (frame-ancestors). */
  readonly header?: boolean;
  /** Leave out service-worker and manifest sources (the single file has neither). */
  readonly single?: boolean;
}

/** Trusted Types policy names the app creates: Lit's template policy and our worker-URL policy. */
export const TRUSTED_TYPES_POLICIES = ['lit-html', 'crosstrust-sw'] as const;

/** Renders the policy as one line. */
export function renderCsp(options: CspOptions = {}): string {
  const self = options.single ? [] : ["'self'"];
  const directives: Array<[string, ReadonlyArray<string>]> = [
    ['default-src', ["'self'"]],
    // 'wasm-unsafe-eval' lets WebAssembly (zxing-wasm QR scanning) compile; it allows no JS eval.
    ['script-src', [...self, "'wasm-unsafe-eval'", ...(options.scriptSrc ?? [])]],
    ['style-src', [...self, ...(options.styleSrc ?? [])]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'"]],
    ['connect-src', ["'self'"]],
    ['media-src', ["'self'", 'blob:']],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['worker-src', ["'self'"]],
    ['manifest-src', ["'self'"]],
    ['require-trusted-types-for', ["'script'"]],
    ['trusted-types', [...TRUSTED_TYPES_POLICIES]],
  ];
  if (options.header) directives.push(['frame-ancestors', ["'none'"]]);
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}
