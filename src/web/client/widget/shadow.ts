// A shadow root holding the widget's styles, for the widget and for anything that must look
// exactly as it does (the content editor's preview). A constructed style sheet needs no
// 'unsafe-inline' in the host page's Content-Security-Policy; a <style> element is the fallback
// for old browsers.
import css from './widget.css?inline';

export function shadowFor(host: HTMLElement): ShadowRoot {
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  root.replaceChildren();
  if ('adoptedStyleSheets' in root && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement('style');
    style.textContent = css;
    root.append(style);
  }
  return root;
}
