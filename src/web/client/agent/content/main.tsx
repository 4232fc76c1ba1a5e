// The content editor at /agent/innhald.
import { render } from 'preact';
import { readBoot } from '../boot.js';
import { ContentApp } from './ContentApp.js';

render(<ContentApp base={location.origin} boot={readBoot()} />, document.getElementById('konsoll')!);
