// Styles of ct-backup-view (on top of sharedStyles).
import { css } from 'lit';

export const backupViewStyles = css`
  :host { max-width: 46rem; }
  .card > h2 { margin-top: 0; }
  h3 { font-size: 1.05rem; margin: 0 0 0.25rem; }
  h3:focus { outline: none; }
  h4 { font-size: 0.95rem; margin: 0.75rem 0 0.2rem; }
  ul { margin: 0.2rem 0 0.5rem; padding-left: 1.3rem; }
  input[type='password'], input[type='file'], textarea {
    font: inherit; width: 100%; max-width: 32rem; box-sizing: border-box; padding: 0.4rem 0.55rem;
    border: 1px solid var(--ct-border); border-radius: 6px; background: var(--ct-bg); color: var(--ct-text); }
  textarea { font-family: var(--ct-mono); font-size: 0.85rem; }
  .plan { border: 1px solid var(--ct-border); border-left: 4px solid var(--ct-accent); border-radius: var(--ct-radius);
    padding: 0.75rem 1rem; margin-top: 1rem; background: var(--ct-bg); }
  .live:empty { display: none; }
  .note { background: var(--ct-surface); border: 1px solid var(--ct-border); border-left: 4px solid var(--ct-accent);
    border-radius: var(--ct-radius); padding: 0.6rem 0.9rem; }
  .live .error { background: var(--ct-surface); border: 1px solid var(--ct-danger); border-radius: var(--ct-radius); padding: 0.6rem 0.9rem; margin-bottom: 0.75rem; }
`;
