// A file's text bundled into the main process at build time (vite's `?raw`): the county's update key.
declare module '*.pem?raw' {
  const text: string;
  export default text;
}
