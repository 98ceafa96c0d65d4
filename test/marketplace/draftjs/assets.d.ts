// Stylesheets bundled by esbuild's css loader; draft-js 0.11.7 ships no types (none installed).
declare module '*.css';
declare module 'draft-js';
