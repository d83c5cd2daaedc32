// Styles the issue-4 views and components share on top of sharedStyles: numbered steps, fingerprint comparison, result panels, tables. Tokens from global.css only (light and dark).
import { css } from 'lit';

export const introStyles = css`
  .step { position: relative; padding-left: 3.25rem; }
  .step > .num {
    position: absolute; left: 1rem; top: 1rem; width: 1.7rem; height: 1.7rem; border-radius: 50%;
    display: grid; place-items: center; font-weight: 700; font-size: 0.9rem;
    background: var(--ct-accent); color: var(--ct-accent-text);
  }
  .step.waiting > .num { background: var(--ct-border); color: var(--ct-muted); }
  .step > h2, .card > h2 { margin-top: 0; }
  ct-share-panel { margin-top: 0.75rem; }
  textarea { width: 100%; max-width: none; min-height: 5.5rem; resize: vertical; }
  textarea.out { min-height: 9rem; font-size: 0.8rem; }
  .source { color: var(--ct-muted); font-size: 0.9rem; margin: 0 0 0.5rem; }
  .match { display: flex; align-items: center; gap: 0.4rem; font-weight: 600; margin: 0.35rem 0 0; }
  .fp-input { font-family: var(--ct-mono); letter-spacing: 0.03em; max-width: 48rem; }
  .row { display: flex; flex-wrap: wrap; gap: 0.75rem 1.5rem; align-items: start; }
  .row .field { flex: 0 1 16rem; }
  .row .field { margin: 0; }
  input[type='number'] { max-width: 9rem; }
  .notice { border-left: 4px solid var(--ct-accent); padding: 0.6rem 1rem; background: var(--ct-bg); border-radius: 0 6px 6px 0; margin: 0.75rem 0; }
  .notice.n-warn { border-left-color: var(--ct-warn); }
  .notice.n-bad { border-left-color: var(--ct-danger); }
  .notice.n-good { border-left-color: var(--ct-ok); }
  .notice ul { margin: 0.25rem 0 0; padding-left: 1.2rem; }
  .notice li + li { margin-top: 0.2rem; }
  .notice li .code { display: block; }
  .code { font-family: var(--ct-mono); font-size: 0.8rem; color: var(--ct-muted); }
  .progress { display: flex; align-items: center; gap: 0.75rem; margin: 0.5rem 0; }
  progress { width: 10rem; }
  table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
  th, td { text-align: left; padding: 0.45rem 0.5rem; border-bottom: 1px solid var(--ct-border); vertical-align: top; }
  th { color: var(--ct-muted); font-weight: 600; }
  td.mono, .small-mono { font-family: var(--ct-mono); font-size: 0.8rem; overflow-wrap: anywhere; }
  ul.plain { list-style: none; margin: 0; padding: 0; }
  fieldset { border: 1px solid var(--ct-border); border-radius: var(--ct-radius); padding: 0.5rem 1rem 0.75rem; margin: 0 0 1rem; }
  legend { font-weight: 700; padding: 0 0.4rem; }
  .checks { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; }
  .checks label, label.inline { font-weight: 500; display: inline-flex; align-items: center; gap: 0.4rem; }
  dialog { border: 1px solid var(--ct-border); border-radius: var(--ct-radius); background: var(--ct-surface); color: var(--ct-text); max-width: 32rem; padding: 1.25rem 1.5rem; }
  dialog::backdrop { background: rgb(0 0 0 / 0.45); }
  dialog h2 { margin-top: 0; }
  details > summary { cursor: pointer; font-weight: 600; padding: 0.25rem 0; }
`;
