// Styles shared by the views: buttons, fields, cards, status words. Tokens come from global.css.
import { css } from 'lit';

export const sharedStyles = css`
  :host { display: block; color: var(--ct-text); font-family: var(--ct-sans); line-height: 1.5; }
  h1 { font-size: 1.6rem; margin: 0 0 0.25rem; line-height: 1.25; }
  h2 { font-size: 1.15rem; margin: 1.75rem 0 0.5rem; }
  h3 { font-size: 1rem; margin: 1rem 0 0.25rem; }
  p { margin: 0.25rem 0 0.75rem; }
  .lede { color: var(--ct-muted); margin-bottom: 1.25rem; max-width: 60ch; }
  a { color: var(--ct-accent); }
  .card { background: var(--ct-surface); border: 1px solid var(--ct-border); border-radius: var(--ct-radius); padding: 1rem 1.25rem; margin: 0 0 1rem; }
  button, .button {
    font: inherit; font-weight: 600; display: inline-flex; align-items: center; gap: 0.4rem;
    border-radius: 6px; padding: 0.45rem 0.9rem; cursor: pointer; text-decoration: none;
    border: 1px solid var(--ct-border); background: var(--ct-surface); color: var(--ct-text);
  }
  button:hover, .button:hover { border-color: var(--ct-accent); }
  button.primary, .button.primary { background: var(--ct-accent); color: var(--ct-accent-text); border-color: var(--ct-accent); }
  button.danger { color: var(--ct-danger); border-color: var(--ct-danger); }
  button.danger.solid { background: var(--ct-danger); color: var(--ct-surface); }
  button:disabled { opacity: 0.6; cursor: progress; }
  :focus-visible { outline: 3px solid var(--ct-focus); outline-offset: 2px; }
  .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0.75rem 0; }
  label { font-weight: 600; display: block; margin-bottom: 0.2rem; }
  .hint { color: var(--ct-muted); font-size: 0.9rem; margin: 0.15rem 0 0; }
  input[type='text'], input[type='number'], input[type='email'], input:not([type]), select, textarea {
    font: inherit; color: var(--ct-text); background: var(--ct-bg); border: 1px solid var(--ct-border);
    border-radius: 6px; padding: 0.4rem 0.55rem; box-sizing: border-box; width: 100%; max-width: 32rem;
  }
  textarea { font-family: var(--ct-mono); font-size: 0.9rem; }
  input[type='file']::file-selector-button { font: inherit; font-weight: 600; margin-right: 0.75rem; padding: 0.3rem 0.8rem; cursor: pointer;
    border: 1px solid var(--ct-border); border-radius: 6px; background: var(--ct-surface); color: var(--ct-text); }
  [aria-invalid='true'] { border-color: var(--ct-danger); }
  .field { margin: 0 0 1rem; }
  .error { color: var(--ct-danger); font-weight: 600; margin: 0.2rem 0 0; }
  .mono { font-family: var(--ct-mono); }
  .muted { color: var(--ct-muted); }
  .ok { color: var(--ct-ok); }
  .warn { color: var(--ct-warn); }
  .bad { color: var(--ct-danger); }
  dl.facts { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: 0.3rem 1rem; margin: 0; }
  dl.facts dt { color: var(--ct-muted); }
  dl.facts dd { margin: 0; overflow-wrap: anywhere; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
