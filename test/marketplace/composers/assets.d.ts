// Stylesheets the composer pages import for esbuild's css loader.
declare module '*.css';
