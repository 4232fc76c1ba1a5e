// Vite's "?inline" imports give the file's text (the widget puts its CSS in its shadow root).
declare module '*.css?inline' {
  const css: string;
  export default css;
}
