// The content editor's views as addresses in the page's hash, so each has a link, the browser's
// back button works, and a test (or a colleague) can open one directly:
//   #                      the list of items and open drafts
//   #element/<kind>/<id>   an item's editor (a file's id is its path)
//   #nytt-emne             a new topic
//   #utkast/<versionId>    a version: its diff, quality check and decision
//   #historikk/<path>      every version of a file
//   #opplaering[/<label>]  the training messages (of one label)
import type { ContentItemKind } from '../../types.js';
import { kindLabels } from './labels.js';

export type View =
  | { name: 'list' }
  | { name: 'item'; kind: ContentItemKind; id: string }
  | { name: 'new-topic' }
  | { name: 'version'; id: string }
  | { name: 'history'; path: string }
  | { name: 'training'; label?: string };

const kinds = Object.keys(kindLabels) as ContentItemKind[];

export function parseView(hash: string): View {
  const parts = hash.replace(/^#/, '').split('/');
  const decode = (s: string | undefined) => {
    try {
      return decodeURIComponent(s ?? '');
    } catch {
      return '';
    }
  };
  switch (parts[0]) {
    case 'element': {
      const kind = parts[1] as ContentItemKind;
      const id = decode(parts.slice(2).join('/'));
      return kinds.includes(kind) && id ? { name: 'item', kind, id } : { name: 'list' };
    }
    case 'nytt-emne':
      return { name: 'new-topic' };
    case 'utkast':
      return parts[1] ? { name: 'version', id: decode(parts[1]) } : { name: 'list' };
    case 'historikk': {
      const path = decode(parts.slice(1).join('/'));
      return path ? { name: 'history', path } : { name: 'list' };
    }
    case 'opplaering': {
      const label = decode(parts[1]);
      return label ? { name: 'training', label } : { name: 'training' };
    }
    default:
      return { name: 'list' };
  }
}

export function hrefOf(v: View): string {
  switch (v.name) {
    case 'list':
      return '#';
    case 'item':
      return `#element/${v.kind}/${encodeURIComponent(v.id)}`;
    case 'new-topic':
      return '#nytt-emne';
    case 'version':
      return `#utkast/${encodeURIComponent(v.id)}`;
    case 'history':
      return `#historikk/${encodeURIComponent(v.path)}`;
    case 'training':
      return v.label ? `#opplaering/${encodeURIComponent(v.label)}` : '#opplaering';
  }
}
