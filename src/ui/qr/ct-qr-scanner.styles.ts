import { css } from 'lit';

export const scannerStyles = css`
  :host { display: block; color: var(--ct-text); }
  .drop { border: 2px dashed var(--ct-border); border-radius: var(--ct-radius); padding: 0.75rem; }
  .drop.over { border-color: var(--ct-accent); }
  video { display: block; width: 100%; max-width: min(100%, 60vh); border-radius: var(--ct-radius); background: #000; }
  video[hidden] { display: none; }
  .controls { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin: 0.5rem 0; }
  button, select {
    font: inherit; padding: 0.35rem 0.7rem; border-radius: var(--ct-radius); border: 1px solid var(--ct-border);
    background: var(--ct-surface); color: var(--ct-text); cursor: pointer;
  }
  button:focus-visible, select:focus-visible, input:focus-visible { outline: 3px solid var(--ct-focus); outline-offset: 2px; }
  button[aria-pressed='true'] { background: var(--ct-accent); color: var(--ct-accent-text); }
  progress { width: 100%; max-width: 28rem; }
  .problem { color: var(--ct-warn); }
  .done { color: var(--ct-ok); }
  .hint { color: var(--ct-muted); font-size: 0.9rem; }
`;
