// Styles of ct-app: header, task-grouped navigation (sidebar when wide, Menu disclosure when narrow),
// main column, footer and the toast stack (update prompt, announcements). Tokens from global.css.
import { css } from 'lit';

export const appStyles = css`
  :host { min-height: 100vh; display: flex; flex-direction: column; }
  .skip { position: absolute; left: -999px; }
  .skip:focus { left: 1rem; top: 0.5rem; z-index: 20; background: var(--ct-surface); padding: 0.5rem 0.75rem; border-radius: 6px; }

  header { background: var(--ct-surface); border-bottom: 1px solid var(--ct-border); }
  .bar { max-width: 80rem; margin: 0 auto; padding: 0.6rem 1rem; display: flex; align-items: center; gap: 0.75rem 1rem; }
  .brand { font-weight: 700; font-size: 1.15rem; color: var(--ct-text); text-decoration: none; display: flex; align-items: center; gap: 0.45rem; }
  .brand svg { width: 1.4rem; height: 1.4rem; color: var(--ct-accent); }
  .tagline { color: var(--ct-muted); font-size: 0.9rem; padding-left: 1rem; border-left: 1px solid var(--ct-border); }
  .menu-toggle { display: none; margin-left: auto; }
  .menu-toggle svg { width: 1.1rem; height: 1.1rem; }

  .layout { flex: 1; width: 100%; max-width: 80rem; margin: 0 auto; display: grid; grid-template-columns: 15.5rem minmax(0, 1fr); box-sizing: border-box; }
  nav { padding: 1rem 0.75rem 2rem; border-right: 1px solid var(--ct-border); position: sticky; top: 0; align-self: start;
    max-height: 100vh; overflow-y: auto; box-sizing: border-box; }
  nav ul { list-style: none; margin: 0; padding: 0; }
  .group { margin: 0 0 0.9rem; }
  .group-label { display: block; font-size: 0.75rem; font-weight: 700; letter-spacing: 0.06em; text-transform: uppercase;
    color: var(--ct-muted); padding: 0 0.6rem; margin: 0 0 0.2rem; }
  nav a { display: block; padding: 0.35rem 0.6rem; border-radius: 6px; color: var(--ct-text); text-decoration: none; font-weight: 500; line-height: 1.35; }
  nav a .sub { display: block; font-size: 0.8rem; font-weight: 400; color: var(--ct-muted); }
  nav a:hover { background: var(--ct-accent-soft); }
  nav a[aria-current='page'] { background: var(--ct-accent); color: var(--ct-accent-text); }
  nav a[aria-current='page'] .sub { color: inherit; }
  .solo a .label { font-weight: 600; }

  main { min-width: 0; padding: 1.5rem 2rem 4rem; box-sizing: border-box; max-width: 62rem; }
  main:focus { outline: none; }
  footer { color: var(--ct-muted); font-size: 0.85rem; text-align: center; padding: 1rem; border-top: 1px solid var(--ct-border); }

  .toasts { position: fixed; right: 1rem; bottom: 1rem; z-index: 10; display: flex; flex-direction: column; align-items: stretch; gap: 0.5rem;
    width: min(26rem, calc(100vw - 2rem)); pointer-events: none; }
  .toasts > * { pointer-events: auto; }
  .toast { background: var(--ct-surface); color: var(--ct-text); border: 1px solid var(--ct-border); border-left: 4px solid var(--ct-accent);
    border-radius: var(--ct-radius); box-shadow: var(--ct-shadow); padding: 0.65rem 0.9rem; display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
  .toast-actions { display: flex; gap: 0.5rem; margin-left: auto; }
  .status:empty { display: none; }

  @media (max-width: 56rem) {
    .tagline { display: none; }
    .menu-toggle { display: inline-flex; }
    .layout { display: block; }
    nav { display: none; position: static; max-height: none; border-right: 0; border-bottom: 1px solid var(--ct-border);
      background: var(--ct-surface); padding: 0.75rem 1rem 0.5rem; }
    nav.open { display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: 0 1rem; }
    main { padding: 1.25rem 1rem 4rem; }
  }
`;
