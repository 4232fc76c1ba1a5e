import { describe, expect, it } from 'vitest';
import { escapeHtml, plainText, renderInline, renderMarkdown } from './markdown.js';

describe('renderMarkdown', () => {
  it('renders paragraphs, bold, and both kinds of list', () => {
    const html = renderMarkdown('**Slik gjer du:**\n\n1. Opne appen\n2. Vel «Gløymt passord?»\n\nGå til Innstillingar:\n- Har du iPhone?\n- Har du Android?');
    expect(html).toBe(
      '<p><strong>Slik gjer du:</strong></p>\n<ol><li>Opne appen</li><li>Vel «Gløymt passord?»</li></ol>\n<p>Gå til Innstillingar:</p>\n<ul><li>Har du iPhone?</li><li>Har du Android?</li></ul>',
    );
  });

  it('joins the lines of a paragraph and continues an indented list item', () => {
    expect(renderMarkdown('ei linje\nog ei til')).toBe('<p>ei linje og ei til</p>');
    expect(renderMarkdown('- første\n  held fram\n- andre')).toBe('<ul><li>første held fram</li><li>andre</li></ul>');
  });

  it('escapes HTML in the source, so content can never inject markup', () => {
    const html = renderMarkdown('<script>alert(1)</script> & <img src=x onerror=alert(1)>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img');
  });

  it('keeps links with safe addresses only', () => {
    expect(renderInline('Sjå [bankid.no](https://www.bankid.no/feilmeldingar).')).toBe(
      'Sjå <a href="https://www.bankid.no/feilmeldingar" rel="noopener">bankid.no</a>.',
    );
    expect(renderInline('[ring](tel:+4757829700)')).toBe('<a href="tel:+4757829700">ring</a>');
    expect(renderInline('[klikk](javascript:alert)')).toBe('klikk');
    expect(renderInline('[klikk](JavaScript:alert(1))')).not.toContain('<a');
    expect(renderInline('[x](//evil.example)')).toBe('x');
    expect(renderInline('[a"b](https://x.no/?q="><script>)')).not.toContain('<script');
  });

  it('does not take a lone star or a multiplication for emphasis', () => {
    expect(renderInline('2 * 3 * 4')).toBe('2 * 3 * 4');
    expect(renderInline('*viktig*')).toBe('<em>viktig</em>');
  });

  it('escapeHtml covers quotes too', () => {
    expect(escapeHtml(`"'<>&`)).toBe('&quot;&#39;&lt;&gt;&amp;');
  });

  it('plainText drops the marks', () => {
    expect(plainText('**Slik:**\n1. Opne [appen](https://x.no)\n- vel *dette*')).toBe('Slik: Opne appen vel dette');
  });
});
