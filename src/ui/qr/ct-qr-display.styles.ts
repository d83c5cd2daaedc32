import { css } from 'lit';

export const displayStyles = css`
  :host { display: block; color: var(--ct-text); }
  .layout { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; }
  figure { margin: 0; flex: 1 1 320px; max-width: min(100%, 72vh); }
  canvas {
    display: block; width: 100%; height: auto; aspect-ratio: 1; image-rendering: pixelated;
    background: #fff; border-radius: var(--ct-radius); outline-offset: 3px;
  }
  canvas:focus-visible { outline: 3px solid var(--ct-focus); }
  figcaption { color: var(--ct-muted); font-size: 0.9rem; margin-top: 0.4rem; }
  .controls { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin-top: 0.5rem; }
  .alt { flex: 1 1 260px; min-width: 0; }
  textarea { width: 100%; min-height: 8rem; font-family: var(--ct-mono); font-size: 0.8rem; box-sizing: border-box;
    background: var(--ct-surface); color: var(--ct-text); border: 1px solid var(--ct-border); border-radius: var(--ct-radius); }
  button, select, a.button {
    font: inherit; padding: 0.35rem 0.7rem; border-radius: var(--ct-radius); border: 1px solid var(--ct-border);
    background: var(--ct-surface); color: var(--ct-text); text-decoration: none; cursor: pointer;
  }
  button:focus-visible, select:focus-visible, a.button:focus-visible { outline: 3px solid var(--ct-focus); outline-offset: 2px; }
  button[aria-pressed='true'] { background: var(--ct-accent); color: var(--ct-accent-text); }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  .error { color: var(--ct-danger); }
`;
