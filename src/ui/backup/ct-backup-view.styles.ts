// Styles of ct-backup-view.
import { css } from 'lit';

export const backupViewStyles = css`
  :host { display: block; max-width: 44rem; }
  section { border: 1px solid var(--ct-border); border-radius: var(--ct-radius); background: var(--ct-surface);
    padding: 1rem; margin-block: 1rem; }
  h2 { font-size: 1.1rem; margin: 0 0 0.5rem; }
  label { display: block; margin-block: 0.5rem 0.25rem; }
  input[type='password'], input[type='file'] { font: inherit; width: 100%; box-sizing: border-box; padding: 0.35rem;
    border: 1px solid var(--ct-border); border-radius: var(--ct-radius); background: var(--ct-bg); color: var(--ct-text); }
  .check { display: flex; gap: 0.5rem; align-items: baseline; }
  button { font: inherit; margin-top: 0.75rem; padding: 0.4rem 0.9rem; border-radius: var(--ct-radius); cursor: pointer;
    border: 1px solid var(--ct-accent); background: var(--ct-accent); color: var(--ct-accent-text); }
  button[disabled] { opacity: 0.6; cursor: not-allowed; }
  button.secondary { background: transparent; color: var(--ct-text); border-color: var(--ct-border); }
  :focus-visible { outline: 3px solid var(--ct-focus); outline-offset: 2px; }
  .warn { color: var(--ct-warn); }
  .error { color: var(--ct-danger); }
  .field-error { color: var(--ct-danger); font-size: 0.9rem; }
  .muted { color: var(--ct-muted); }
`;
